import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import { BATCH_HEADER_BYTES, type RecordBatchHeader } from './record-batch.codec.js';

const COMPRESSION_MASK = 0x07;
const NONE = 0;
const GZIP = 1;
const ZSTD = 4;

export interface TimestampedOffset {
  readonly offset: number;
  readonly timestamp: number;
}

/**
 * The first record of `batch` whose timestamp is at or after `timestamp`, as
 * Kafka's ListOffsets answers it. Records are decoded only here: uncompressed,
 * gzip and zstd batches exactly; snappy and lz4 (no codec in Node) at the
 * batch's first offset and max timestamp.
 */
export function firstRecordAtOrAfter(
  batch: Buffer,
  header: RecordBatchHeader,
  timestamp: number,
): TimestampedOffset {
  const records = recordsOf(batch, header.attributes & COMPRESSION_MASK);
  if (records === undefined) return { offset: header.baseOffset, timestamp: header.maxTimestamp };
  let position = 0;
  for (let index = 0; index < header.recordCount && position < records.length; index++) {
    const length = varint(records, position);
    const start = length.next + 1; // after the record's attributes byte
    const delta = varint(records, start);
    const offsetDelta = varint(records, delta.next);
    const recordTimestamp = header.baseTimestamp + delta.value;
    if (recordTimestamp >= timestamp)
      return { offset: header.baseOffset + offsetDelta.value, timestamp: recordTimestamp };
    position = length.next + length.value;
  }
  return { offset: header.baseOffset, timestamp: header.maxTimestamp };
}

function recordsOf(batch: Buffer, codec: number): Buffer | undefined {
  const body = batch.subarray(BATCH_HEADER_BYTES);
  if (codec === NONE) return body;
  if (codec === GZIP) return gunzipSync(body);
  if (codec === ZSTD) return zstdDecompressSync(body);
  return undefined;
}

// Zig-zag varint, as records encode lengths and deltas.
function varint(data: Buffer, position: number): { value: number; next: number } {
  let raw = 0;
  let shift = 0;
  let next = position;
  for (;;) {
    const byte = data[next++] ?? 0;
    raw += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0 || next >= data.length) break;
    shift += 7;
  }
  return { value: raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2, next };
}
