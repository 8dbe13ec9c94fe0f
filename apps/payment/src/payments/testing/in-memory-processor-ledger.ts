import type { ProcessorOutcome } from '../card-processor/card-processor.js';
import { ProcessorLedger } from '../card-processor/processor-ledger.js';

/** The processor's ledger in memory, first write wins as in its table. */
export class InMemoryProcessorLedger extends ProcessorLedger {
  readonly records = new Map<string, ProcessorOutcome>();

  recordFirst(idempotencyKey: string, outcome: ProcessorOutcome): Promise<ProcessorOutcome> {
    const standing = this.records.get(idempotencyKey) ?? outcome;
    this.records.set(idempotencyKey, standing);
    return Promise.resolve(standing);
  }

  find(idempotencyKey: string): Promise<ProcessorOutcome | undefined> {
    return Promise.resolve(this.records.get(idempotencyKey));
  }
}
