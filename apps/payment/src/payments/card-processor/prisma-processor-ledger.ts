import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../../generated/prisma/client.js';
import type { SimulatedProcessorAuthorization } from '../../generated/prisma/client.js';
import type { DeclineReasonCode, ProcessorOutcome } from './card-processor.js';
import { ProcessorLedger } from './processor-ledger.js';

/** The ledger in the processor's own table, `simulated_processor_authorizations`. */
@Injectable()
export class PrismaProcessorLedger extends ProcessorLedger {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  async recordFirst(idempotencyKey: string, outcome: ProcessorOutcome): Promise<ProcessorOutcome> {
    const row = rowOf(outcome);
    // One statement: the no-op update makes RETURNING give the row that stands, new or first.
    const [stored] = await this.prisma.$queryRaw<SimulatedProcessorAuthorization[]>`
      INSERT INTO simulated_processor_authorizations (idempotency_key, outcome, decline_reason, card_last4)
      VALUES (${idempotencyKey}, ${row.outcome}::simulated_processor_outcome, ${row.declineReason}, ${row.cardLast4})
      ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
      RETURNING idempotency_key AS "idempotencyKey", outcome, decline_reason AS "declineReason",
                card_last4 AS "cardLast4", created_at AS "createdAt"`;
    if (!stored) throw new Error(`the processor ledger returned nothing for ${idempotencyKey}`);
    return outcomeOf(stored);
  }

  async find(idempotencyKey: string): Promise<ProcessorOutcome | undefined> {
    const row = await this.prisma.simulatedProcessorAuthorization.findUnique({
      where: { idempotencyKey },
    });
    return row ? outcomeOf(row) : undefined;
  }
}

function rowOf(outcome: ProcessorOutcome) {
  if (outcome.kind === 'voided') return { outcome: 'VOIDED', declineReason: null, cardLast4: null };
  const { decision } = outcome;
  return decision.approved
    ? { outcome: 'APPROVED', declineReason: null, cardLast4: decision.cardLast4 }
    : { outcome: 'DECLINED', declineReason: decision.reason, cardLast4: decision.cardLast4 };
}

function outcomeOf(row: Omit<SimulatedProcessorAuthorization, 'idempotencyKey' | 'createdAt'>) {
  switch (row.outcome) {
    case 'VOIDED':
      return { kind: 'voided' } as const;
    case 'APPROVED':
      return { kind: 'decided', decision: { approved: true, cardLast4: row.cardLast4 } } as const;
    case 'DECLINED':
      return {
        kind: 'decided',
        decision: {
          approved: false,
          reason: (row.declineReason ?? 'PROCESSOR_DECLINED') as DeclineReasonCode,
          cardLast4: row.cardLast4,
        },
      } as const;
  }
}
