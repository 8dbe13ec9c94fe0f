import type { ProcessorOutcome } from './card-processor.js';

/**
 * The simulated processor's own record of what it did per authorization key,
 * where a crash of payment cannot lose it (its own table). First write wins:
 * a decision and a void of the same key never both stand.
 */
export abstract class ProcessorLedger {
  /** Stores `outcome` unless the key has one already; returns the one that stands. */
  abstract recordFirst(
    idempotencyKey: string,
    outcome: ProcessorOutcome,
  ): Promise<ProcessorOutcome>;
  abstract find(idempotencyKey: string): Promise<ProcessorOutcome | undefined>;
}
