import type { RecordBatchHeader } from '../protocol/record-batch.codec.js';

interface AppendedBatch {
  readonly epoch: number;
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly baseOffset: number;
  readonly maxTimestamp: number;
}

/** Where a resent batch was first stored, and its max timestamp (Kafka answers it as logAppendTime). */
export interface DuplicateBatch {
  readonly baseOffset: number;
  readonly maxTimestamp: number;
}

// Kafka keeps the last five batches per producer and partition; an idempotent
// client has at most five requests in flight, so a resend is always among them.
const REMEMBERED_BATCHES = 5;
const NO_PRODUCER = -1n;
// Bounds memory when many short-lived producers come and go.
const MAX_TRACKED_PRODUCER_PARTITIONS = 100_000;

/**
 * Idempotent-producer bookkeeping: recognises a resent batch so it is answered
 * with its original offset instead of being stored twice. A sequence gap is
 * accepted rather than answered with OUT_OF_ORDER_SEQUENCE, which kafkajs treats as fatal.
 */
export class ProducerState {
  private readonly batches = new Map<string, AppendedBatch[]>();
  private nextProducerId: bigint;

  constructor(now = Date.now()) {
    // Ids unique across restarts, so an old producer's sequences never collide with a new one's.
    this.nextProducerId = BigInt(now) * 1000n;
  }

  allocateProducerId(): bigint {
    return this.nextProducerId++;
  }

  /** Where a duplicate of `header` was stored, or undefined for a new batch. */
  duplicateOf(partitionKey: string, header: RecordBatchHeader): DuplicateBatch | undefined {
    if (header.producerId === NO_PRODUCER) return undefined;
    const lastSequence = header.baseSequence + header.lastOffsetDelta;
    const match = this.batches
      .get(this.key(partitionKey, header.producerId))
      ?.find(
        (batch) =>
          batch.epoch === header.producerEpoch &&
          batch.firstSequence === header.baseSequence &&
          batch.lastSequence === lastSequence,
      );
    return match && { baseOffset: match.baseOffset, maxTimestamp: match.maxTimestamp };
  }

  recordAppend(partitionKey: string, header: RecordBatchHeader, baseOffset: number): void {
    if (header.producerId === NO_PRODUCER) return;
    const key = this.key(partitionKey, header.producerId);
    const remembered = this.batches.get(key) ?? [];
    remembered.push({
      epoch: header.producerEpoch,
      firstSequence: header.baseSequence,
      lastSequence: header.baseSequence + header.lastOffsetDelta,
      baseOffset,
      maxTimestamp: header.maxTimestamp,
    });
    if (remembered.length > REMEMBERED_BATCHES) remembered.shift();
    this.batches.set(key, remembered);
    if (this.batches.size > MAX_TRACKED_PRODUCER_PARTITIONS) {
      const oldest = this.batches.keys().next();
      if (oldest.done !== true) this.batches.delete(oldest.value);
    }
  }

  forgetPartitionsOf(topic: string): void {
    for (const key of this.batches.keys())
      if (key.startsWith(`${topic}\u0000`)) this.batches.delete(key);
  }

  private key(partitionKey: string, producerId: bigint): string {
    return `${partitionKey}\u0000${producerId}`;
  }
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
