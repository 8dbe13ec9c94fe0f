/* eslint-disable @typescript-eslint/no-non-null-assertion -- hot loop over fixed 256-entry tables; every index is in range */
// CRC-32C (Castagnoli), the checksum of RecordBatch v2. Node's zlib.crc32 uses
// the IEEE polynomial, so this one is hand-written: slicing-by-8 tables.
const POLYNOMIAL = 0x82f63b78;
const TABLES = buildTables();

function buildTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const first = tables[0]!;
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
    first[byte] = crc >>> 0;
  }
  for (let byte = 0; byte < 256; byte++) {
    let crc = first[byte]!;
    for (let slice = 1; slice < 8; slice++) {
      crc = (crc >>> 8) ^ first[crc & 0xff]!;
      tables[slice]![byte] = crc >>> 0;
    }
  }
  return tables;
}

/** CRC-32C of `data[start, end)`. */
export function crc32c(data: Uint8Array, start = 0, end = data.length): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  let crc = 0xffffffff;
  let index = start;
  for (; index + 8 <= end; index += 8) {
    const low =
      crc ^
      (data[index]! |
        (data[index + 1]! << 8) |
        (data[index + 2]! << 16) |
        (data[index + 3]! << 24));
    crc =
      t7[low & 0xff]! ^
      t6[(low >>> 8) & 0xff]! ^
      t5[(low >>> 16) & 0xff]! ^
      t4[low >>> 24]! ^
      t3[data[index + 4]!]! ^
      t2[data[index + 5]!]! ^
      t1[data[index + 6]!]! ^
      t0[data[index + 7]!]!;
  }
  for (; index < end; index++) crc = (crc >>> 8) ^ t0[(crc ^ data[index]!) & 0xff]!;
  return (crc ^ 0xffffffff) >>> 0;
}
