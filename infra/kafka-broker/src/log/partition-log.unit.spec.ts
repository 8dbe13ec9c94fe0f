import { describe, expect, it } from 'vitest';
import { PartitionLog } from './partition-log.js';
import { MemorySegmentStorage } from './segment-storage.js';

const batchOf = (bytes: number) => Buffer.alloc(bytes);

describe('PartitionLog', () => {
  it('drops whole old segments beyond the retention bytes and moves the log start', () => {
    const log = new PartitionLog([], () => new MemorySegmentStorage(), {
      segmentBytes: 1000,
      retentionBytes: 2000,
    });
    for (let index = 0; index < 50; index++) log.append(batchOf(100), 0, index);
    expect(log.highWatermark).toBe(50);
    expect(log.byteSize).toBeLessThanOrEqual(3000);
    expect(log.byteSize).toBeGreaterThanOrEqual(2000);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(log.logStartOffset % 10).toBe(0); // whole segments of ten batches
  });

  it('returns at least one whole batch even when it exceeds maxBytes', () => {
    const log = new PartitionLog([], () => new MemorySegmentStorage(), {
      segmentBytes: 1 << 20,
      retentionBytes: -1,
    });
    log.append(batchOf(500), 4, 0);
    log.append(batchOf(500), 4, 0);
    expect(log.read(2, 100)).toHaveLength(500);
    expect(log.read(5, 10_000)).toHaveLength(500);
    expect(log.read(0, 10_000)).toHaveLength(1000);
    expect(log.read(10, 10_000)).toHaveLength(0);
  });
});
