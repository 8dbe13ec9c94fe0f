import { mkdirSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { crc32c } from '../protocol/crc32c.js';
import {
  BATCH_HEADER_BYTES,
  batchSizeAt,
  readBatchHeader,
} from '../protocol/record-batch.codec.js';
import type { Logger } from '../logger.js';
import {
  PartitionLog,
  type BatchEntry,
  type PartitionLogLimits,
  type Segment,
} from './partition-log.js';
import { FileSegmentStorage } from './segment-storage.js';

// On disk a partition is a directory `<topic>-<partition>/` of segment files
// named by their first offset, each a plain concatenation of RecordBatches.
const SEGMENT_SUFFIX = '.log';

export function partitionDirectory(dataDir: string, topic: string, partition: number): string {
  return join(dataDir, `${topic}-${partition}`);
}

function segmentPath(directory: string, baseOffset: number): string {
  return join(directory, `${String(baseOffset).padStart(20, '0')}${SEGMENT_SUFFIX}`);
}

/** Opens (or creates) a persisted partition, cutting a torn tail left by a crash. */
export function openPartitionDirectory(
  directory: string,
  limits: PartitionLogLimits,
  logger: Logger,
): PartitionLog {
  mkdirSync(directory, { recursive: true });
  const baseOffsets = readdirSync(directory)
    .filter((name) => name.endsWith(SEGMENT_SUFFIX))
    .map((name) => Number(name.slice(0, -SEGMENT_SUFFIX.length)))
    .sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (const [index, baseOffset] of baseOffsets.entries()) {
    const path = segmentPath(directory, baseOffset);
    const isLast = index === baseOffsets.length - 1;
    const scan = scanSegment(readFileSync(path), baseOffset, isLast);
    if (scan.tornAt !== undefined) {
      logger.warn('cut a torn log tail', { path, keptBytes: scan.tornAt });
      truncateSync(path, scan.tornAt);
      for (const later of baseOffsets.slice(index + 1)) rmSync(segmentPath(directory, later));
    }
    segments.push({
      baseOffset,
      storage: new FileSegmentStorage(path, scan.validBytes),
      entries: scan.entries,
    });
    if (scan.tornAt !== undefined) break;
  }
  const newSegment = (baseOffset: number) =>
    new FileSegmentStorage(segmentPath(directory, baseOffset), 0);
  return new PartitionLog(segments, newSegment, limits);
}

interface SegmentScan {
  entries: BatchEntry[];
  validBytes: number;
  tornAt: number | undefined;
}

// Walks the batches of one segment file; stops at the first one that is cut
// short, out of sequence or (in the last segment, where crashes tear) fails its CRC.
function scanSegment(data: Buffer, baseOffset: number, verifyCrc: boolean): SegmentScan {
  const entries: BatchEntry[] = [];
  let position = 0;
  let expectedOffset = baseOffset;
  while (position < data.length) {
    const size = batchSizeAt(data, position);
    if (size === undefined || size < BATCH_HEADER_BYTES || position + size > data.length) break;
    const header = readBatchHeader(data, position);
    if (header.magic !== 2 || header.baseOffset !== expectedOffset) break;
    if (verifyCrc && crc32c(data, position + 21, position + size) !== header.crc) break;
    entries.push({
      baseOffset: header.baseOffset,
      lastOffset: header.baseOffset + header.lastOffsetDelta,
      position,
      size,
      maxTimestamp: header.maxTimestamp,
    });
    expectedOffset = header.baseOffset + header.lastOffsetDelta + 1;
    position += size;
  }
  return { entries, validBytes: position, tornAt: position < data.length ? position : undefined };
}
