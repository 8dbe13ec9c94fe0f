import { crc32c } from './crc32c.js';

// RecordBatch v2 (magic 2). The broker stores batches opaque and only reads the
// header; the CRC covers bytes [21, end) so rewriting baseOffset keeps it valid.
export const BATCH_HEADER_BYTES = 61;
const LENGTH_PREFIX_BYTES = 12; // baseOffset + batchLength
const CRC_START = 21;
const TRANSACTIONAL_BIT = 0x10;
const CONTROL_BIT = 0x20;

export interface RecordBatchHeader {
  readonly baseOffset: number;
  /** Size of the whole batch in bytes, header included. */
  readonly size: number;
  readonly magic: number;
  readonly crc: number;
  readonly attributes: number;
  readonly lastOffsetDelta: number;
  readonly baseTimestamp: number;
  readonly maxTimestamp: number;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
}

/** Size of the batch starting at `position`, or undefined when fewer than 12 bytes remain. */
export function batchSizeAt(data: Buffer, position: number): number | undefined {
  if (data.length - position < LENGTH_PREFIX_BYTES) return undefined;
  return LENGTH_PREFIX_BYTES + data.readInt32BE(position + 8);
}

export function readBatchHeader(data: Buffer, position = 0): RecordBatchHeader {
  return {
    baseOffset: Number(data.readBigInt64BE(position)),
    size: LENGTH_PREFIX_BYTES + data.readInt32BE(position + 8),
    magic: data.readInt8(position + 16),
    crc: data.readUInt32BE(position + 17),
    attributes: data.readInt16BE(position + 21),
    lastOffsetDelta: data.readInt32BE(position + 23),
    baseTimestamp: Number(data.readBigInt64BE(position + 27)),
    maxTimestamp: Number(data.readBigInt64BE(position + 35)),
    producerId: data.readBigInt64BE(position + 43),
    producerEpoch: data.readInt16BE(position + 51),
    baseSequence: data.readInt32BE(position + 53),
    recordCount: data.readInt32BE(position + 57),
  };
}

export type BatchProblem = 'truncated' | 'not-magic-2' | 'bad-crc' | 'transactional';

/** Why `batch` (exactly one batch) cannot be stored, or undefined when it can. */
export function validateBatch(batch: Buffer, header: RecordBatchHeader): BatchProblem | undefined {
  if (batch.length < BATCH_HEADER_BYTES || header.size !== batch.length) return 'truncated';
  if (header.magic !== 2) return 'not-magic-2';
  if (crc32c(batch, CRC_START) !== header.crc) return 'bad-crc';
  if ((header.attributes & (TRANSACTIONAL_BIT | CONTROL_BIT)) !== 0) return 'transactional';
  return undefined;
}

/** Splits a Produce request's record set into its batches (kafkajs sends one). */
export function splitBatches(records: Buffer): Buffer[] | undefined {
  const batches: Buffer[] = [];
  let position = 0;
  while (position < records.length) {
    const size = batchSizeAt(records, position);
    if (size === undefined || size < BATCH_HEADER_BYTES || position + size > records.length) {
      return undefined;
    }
    batches.push(records.subarray(position, position + size));
    position += size;
  }
  return batches;
}

export function setBaseOffset(batch: Buffer, baseOffset: number): void {
  batch.writeBigInt64BE(BigInt(baseOffset), 0);
}

export function setPartitionLeaderEpoch(batch: Buffer, epoch: number): void {
  batch.writeInt32BE(epoch, 12);
}
