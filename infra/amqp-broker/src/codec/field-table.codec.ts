// AMQP 0-9-1 field values as RabbitMQ reads them. Each value keeps its wire
// tag so a table the broker passes on is re-encoded exactly as received.
export type FieldValue =
  | { readonly tag: 'S'; readonly value: string }
  | { readonly tag: 't'; readonly value: boolean }
  | { readonly tag: IntegerTag; readonly value: number }
  | { readonly tag: 'f' | 'd'; readonly value: number }
  | { readonly tag: 'D'; readonly value: { readonly places: number; readonly digits: number } }
  | { readonly tag: 'V'; readonly value: null }
  | { readonly tag: 'A'; readonly value: readonly FieldValue[] }
  | { readonly tag: 'F'; readonly value: FieldTable }
  | { readonly tag: 'x'; readonly value: Buffer };

export type IntegerTag = 'b' | 'B' | 's' | 'u' | 'I' | 'i' | 'l' | 'T';
export type FieldTable = ReadonlyMap<string, FieldValue>;

const integerTags = new Set<string>(['b', 'B', 's', 'u', 'I', 'i', 'l', 'T']);

export function isInteger(
  value: FieldValue | undefined,
): value is { tag: IntegerTag; value: number } {
  return value !== undefined && integerTags.has(value.tag);
}

/** A cursor over a buffer: every decoder advances `offset`. */
export interface Reader {
  readonly buffer: Buffer;
  offset: number;
}

export function readShortString(r: Reader): string {
  const length = r.buffer.readUInt8(r.offset);
  const value = r.buffer.toString('utf8', r.offset + 1, r.offset + 1 + length);
  r.offset += 1 + length;
  return value;
}

export function readLongBytes(r: Reader): Buffer {
  const length = r.buffer.readUInt32BE(r.offset);
  const value = r.buffer.subarray(r.offset + 4, r.offset + 4 + length);
  r.offset += 4 + length;
  return value;
}

export function readTable(r: Reader): FieldTable {
  const end = r.offset + 4 + r.buffer.readUInt32BE(r.offset);
  r.offset += 4;
  const table = new Map<string, FieldValue>();
  while (r.offset < end) {
    const key = readShortString(r);
    table.set(key, readValue(r));
  }
  return table;
}

function readArray(r: Reader): FieldValue[] {
  const end = r.offset + 4 + r.buffer.readUInt32BE(r.offset);
  r.offset += 4;
  const values: FieldValue[] = [];
  while (r.offset < end) values.push(readValue(r));
  return values;
}

function readValue(r: Reader): FieldValue {
  const b = r.buffer;
  const tag = String.fromCharCode(b.readUInt8(r.offset++));
  const at = r.offset;
  switch (tag) {
    case 'S':
      return { tag, value: readLongBytes(r).toString('utf8') };
    case 'x':
      return { tag, value: Buffer.from(readLongBytes(r)) };
    case 't':
      r.offset += 1;
      return { tag, value: b.readUInt8(at) !== 0 };
    case 'b':
      r.offset += 1;
      return { tag, value: b.readInt8(at) };
    case 'B':
      r.offset += 1;
      return { tag, value: b.readUInt8(at) };
    case 's':
      r.offset += 2;
      return { tag, value: b.readInt16BE(at) };
    case 'u':
      r.offset += 2;
      return { tag, value: b.readUInt16BE(at) };
    case 'I':
      r.offset += 4;
      return { tag, value: b.readInt32BE(at) };
    case 'i':
      r.offset += 4;
      return { tag, value: b.readUInt32BE(at) };
    case 'l':
      r.offset += 8;
      return { tag, value: Number(b.readBigInt64BE(at)) };
    case 'T':
      r.offset += 8;
      return { tag, value: Number(b.readBigUInt64BE(at)) };
    case 'f':
      r.offset += 4;
      return { tag, value: b.readFloatBE(at) };
    case 'd':
      r.offset += 8;
      return { tag, value: b.readDoubleBE(at) };
    case 'D':
      r.offset += 5;
      return { tag, value: { places: b.readUInt8(at), digits: b.readInt32BE(at + 1) } };
    case 'V':
      return { tag, value: null };
    case 'A':
      return { tag, value: readArray(r) };
    case 'F':
      return { tag, value: readTable(r) };
    default:
      throw new Error(`unknown field value tag '${tag}'`);
  }
}
