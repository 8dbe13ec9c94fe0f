import {
  readBatchHeader,
  setBaseOffset,
  setPartitionLeaderEpoch,
} from '../protocol/record-batch.codec.js';
import { firstRecordAtOrAfter, type TimestampedOffset } from '../protocol/record-timestamps.js';
import type { SegmentStorage } from './segment-storage.js';

/** Where one stored batch sits, kept in memory for every batch of the log. */
export interface BatchEntry {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly position: number;
  readonly size: number;
  readonly maxTimestamp: number;
}

export interface Segment {
  readonly baseOffset: number;
  readonly storage: SegmentStorage;
  readonly entries: BatchEntry[];
}

export interface PartitionLogLimits {
  /** Roll to a new segment once the active one holds this many bytes. */
  readonly segmentBytes: number;
  /** Delete the oldest segments while the rest still hold this many bytes; −1 keeps all. */
  readonly retentionBytes: number;
}

export type SegmentFactory = (baseOffset: number) => SegmentStorage;

// One partition's append-only log of raw RecordBatches, split into segments so
// retention can drop the oldest data in whole pieces (as Kafka does).
export class PartitionLog {
  private readonly appendListeners = new Set<() => void>();
  private active: Segment;
  private nextOffset: number;
  private totalBytes: number;

  constructor(
    private readonly segments: Segment[],
    private readonly newSegment: SegmentFactory,
    private readonly limits: PartitionLogLimits,
  ) {
    this.active = segments.at(-1) ?? this.createSegment(0);
    if (segments.length === 0) segments.push(this.active);
    const last = this.active.entries.at(-1);
    this.nextOffset = last ? last.lastOffset + 1 : this.active.baseOffset;
    this.totalBytes = segments.reduce((sum, segment) => sum + segment.storage.byteSize, 0);
  }

  get highWatermark(): number {
    return this.nextOffset;
  }

  get logStartOffset(): number {
    const first = this.segments[0] ?? this.active;
    return first.entries[0]?.baseOffset ?? first.baseOffset;
  }

  get byteSize(): number {
    return this.totalBytes;
  }

  /** Stores a validated batch at the end of the log and returns its base offset. */
  append(batch: Buffer, lastOffsetDelta: number, maxTimestamp: number): number {
    if (this.active.storage.byteSize >= this.limits.segmentBytes) this.roll();
    const baseOffset = this.nextOffset;
    setBaseOffset(batch, baseOffset);
    setPartitionLeaderEpoch(batch, 0);
    const segment = this.active;
    const position = segment.storage.byteSize;
    segment.storage.append(batch);
    segment.entries.push({
      baseOffset,
      lastOffset: baseOffset + lastOffsetDelta,
      position,
      size: batch.length,
      maxTimestamp,
    });
    this.nextOffset = baseOffset + lastOffsetDelta + 1;
    this.totalBytes += batch.length;
    this.enforceRetention();
    this.notifyAppend();
    return baseOffset;
  }

  /**
   * Whole batches from the one holding `offset`, at least one even when it alone
   * exceeds `maxBytes` (a consumer would stall otherwise). Empty at the end of the log.
   */
  read(offset: number, maxBytes: number): Buffer {
    const location = this.locate(offset);
    if (!location) return Buffer.alloc(0);
    const { segment, index, entry } = location;
    let length = entry.size;
    for (
      let next = segment.entries[index + 1], end = index + 1;
      next;
      next = segment.entries[++end]
    ) {
      if (length + next.size > maxBytes) break;
      length += next.size;
    }
    return segment.storage.read(entry.position, length);
  }

  /** The first record at or after `timestamp`: found by batch max timestamp, then inside the batch. */
  offsetForTimestamp(timestamp: number): TimestampedOffset | undefined {
    for (const segment of this.segments) {
      for (const entry of segment.entries) {
        if (entry.maxTimestamp < timestamp) continue;
        const batch = segment.storage.read(entry.position, entry.size);
        return firstRecordAtOrAfter(batch, readBatchHeader(batch), timestamp);
      }
    }
    return undefined;
  }

  /** Calls `listener` once, at the next append. Returns a function that cancels it. */
  onNextAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  flush(): void {
    this.active.storage.flush();
  }

  close(): void {
    for (const segment of this.segments) segment.storage.close();
  }

  remove(): void {
    for (const segment of this.segments) segment.storage.remove();
  }

  private locate(
    offset: number,
  ): { segment: Segment; index: number; entry: BatchEntry } | undefined {
    for (const segment of this.segments) {
      const entries = segment.entries;
      const last = entries.at(-1);
      if (!last || last.lastOffset < offset) continue;
      // Binary search for the first batch whose last offset reaches `offset`.
      let low = 0;
      let high = entries.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((entries[middle]?.lastOffset ?? offset) < offset) low = middle + 1;
        else high = middle;
      }
      const entry = entries[low];
      return entry && { segment, index: low, entry };
    }
    return undefined;
  }

  private roll(): void {
    this.active.storage.flush();
    this.active = this.createSegment(this.nextOffset);
    this.segments.push(this.active);
  }

  private createSegment(baseOffset: number): Segment {
    return { baseOffset, storage: this.newSegment(baseOffset), entries: [] };
  }

  private enforceRetention(): void {
    const retention = this.limits.retentionBytes;
    if (retention < 0) return;
    for (
      let oldest = this.segments[0];
      oldest && oldest !== this.active;
      oldest = this.segments[0]
    ) {
      if (this.totalBytes - oldest.storage.byteSize < retention) return;
      this.segments.shift();
      this.totalBytes -= oldest.storage.byteSize;
      oldest.storage.remove();
    }
  }

  private notifyAppend(): void {
    if (this.appendListeners.size === 0) return;
    const listeners = [...this.appendListeners];
    this.appendListeners.clear();
    for (const listener of listeners) listener();
  }
}
