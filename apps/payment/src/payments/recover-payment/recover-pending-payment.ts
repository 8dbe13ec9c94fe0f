import { Inject, Injectable } from '@nestjs/common';
import { CardProcessor } from '../card-processor/card-processor.js';
import type { Payment } from '../domain/payment.js';
import { PaymentsRepository } from '../payments.repository.js';
import { RECOVERY_OPTIONS, type RecoveryOptions } from './recovery.options.js';

/** What became of a PENDING claim someone tried to recover. */
export type RecoveryResult =
  /** Settled from the processor's record: AUTHORIZED or DECLINED. */
  | { readonly kind: 'settled'; readonly payment: Payment }
  /** The processor never decided it (now voided): nothing charged, the claim is gone. */
  | { readonly kind: 'released' }
  /** Its lease has not run out, or another recoverer took it first. */
  | { readonly kind: 'busy' };

/**
 * Recovers a payment attempt whose process died between its PENDING claim
 * and the processor's decision: once the claim's lease ran out, take it over
 * (one statement, so one recoverer), ask the processor by the attempt's key
 * — one lookup, never a new charge — and settle it or release it for good.
 * Used on demand by a retried Authorize and by the background sweep.
 */
@Injectable()
export class RecoverPendingPayment {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly processor: CardProcessor,
    @Inject(RECOVERY_OPTIONS) private readonly options: RecoveryOptions,
  ) {}

  /** Whether this claim's lease ran out, so its attempt is presumed dead. */
  isStale(payment: Payment): boolean {
    return payment.status === 'PENDING' && payment.updatedAt < this.staleBefore();
  }

  /** Rejects with `CardProcessorUnavailableError` if the processor cannot be asked: try again later. */
  async execute(pending: Payment): Promise<RecoveryResult> {
    if (!(await this.payments.takeOverStale(pending.id, this.staleBefore(), this.now()))) {
      return { kind: 'busy' };
    }
    const outcome = await this.processor.resolve(pending.id);
    if (outcome.kind === 'voided') {
      await this.payments.release(pending.id);
      return { kind: 'released' };
    }
    const payment = await this.payments.settle(pending.id, outcome.decision);
    return payment ? { kind: 'settled', payment } : { kind: 'released' };
  }

  /**
   * Recovers the stale claims it finds (one batch): how many it recovered, and
   * how many it could not (the processor unreachable: their lease was renewed,
   * the next run tries again).
   */
  async sweep(batchSize = 50): Promise<{ recovered: number; failed: number }> {
    const counts = { recovered: 0, failed: 0 };
    for (const pending of await this.payments.stalePending(this.staleBefore(), batchSize)) {
      const result = await this.execute(pending).catch(() => undefined);
      if (!result) counts.failed++;
      else if (result.kind !== 'busy') counts.recovered++;
    }
    return counts;
  }

  private staleBefore(): Date {
    return new Date(this.now().getTime() - this.options.leaseMs);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
