import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BATCH_HEADER_BYTES, readBatchHeader } from './record-batch.codec.js';
import { firstRecordAtOrAfter } from './record-timestamps.js';

const zigzag = (value: number): number[] => {
  const bytes: number[] = [];
  let raw = value >= 0 ? value * 2 : -value * 2 - 1;
  do {
    const low = raw % 128;
    raw = Math.floor(raw / 128);
    bytes.push(raw > 0 ? low | 0x80 : low);
  } while (raw > 0);
  return bytes;
};

// A batch at base offset 10 whose records have the given timestamp deltas (no key, no value).
function batch(baseTimestamp: number, deltas: number[], codec = 0): Buffer {
  const records = Buffer.concat(
    deltas.map((delta, offsetDelta) => {
      const body = [0, ...zigzag(delta), ...zigzag(offsetDelta), ...zigzag(-1), ...zigzag(-1), 0];
      return Buffer.from([...zigzag(body.length), ...body]);
    }),
  );
  const payload = codec === 1 ? gzipSync(records) : records;
  const header = Buffer.alloc(BATCH_HEADER_BYTES);
  header.writeBigInt64BE(10n, 0);
  header.writeInt32BE(BATCH_HEADER_BYTES - 12 + payload.length, 8);
  header.writeInt8(2, 16);
  header.writeInt16BE(codec, 21);
  header.writeInt32BE(deltas.length - 1, 23);
  header.writeBigInt64BE(BigInt(baseTimestamp), 27);
  header.writeBigInt64BE(BigInt(baseTimestamp + Math.max(...deltas)), 35);
  header.writeInt32BE(deltas.length, 57);
  return Buffer.concat([header, payload]);
}

describe('firstRecordAtOrAfter', () => {
  it.each([
    ['uncompressed', 0],
    ['gzip', 1],
  ])('finds the exact record of a %s batch, with its own timestamp', (_name, codec) => {
    const data = batch(1000, [0, 100, 200], codec);
    const header = readBatchHeader(data);
    expect(firstRecordAtOrAfter(data, header, 1000)).toEqual({ offset: 10, timestamp: 1000 });
    expect(firstRecordAtOrAfter(data, header, 1050)).toEqual({ offset: 11, timestamp: 1100 });
    expect(firstRecordAtOrAfter(data, header, 1200)).toEqual({ offset: 12, timestamp: 1200 });
  });

  it('answers a batch it cannot decode (snappy) by its first offset and max timestamp', () => {
    const data = batch(1000, [0, 100], 2);
    expect(firstRecordAtOrAfter(data, readBatchHeader(data), 1050)).toEqual({
      offset: 10,
      timestamp: 1100,
    });
  });
});
