import { describe, expect, it } from 'vitest';
import { readTable, type FieldTable, type FieldValue } from './field-table.codec.js';
import { Writer } from './field-table.writer.js';

function encode(table: FieldTable): Buffer {
  const w = new Writer(4);
  w.table(table);
  return Buffer.from(w.result());
}

function decode(bytes: Buffer): FieldTable {
  return readTable({ buffer: bytes, offset: 0 });
}

// One value of every tag RabbitMQ reads, at the edges of its range where it has any.
const everyTag: [string, FieldValue][] = [
  ['longstr', { tag: 'S', value: 'héllo' }],
  ['bytes', { tag: 'x', value: Buffer.from([0, 1, 255]) }],
  ['bool', { tag: 't', value: true }],
  ['int8', { tag: 'b', value: -128 }],
  ['uint8', { tag: 'B', value: 255 }],
  ['int16', { tag: 's', value: -32768 }],
  ['uint16', { tag: 'u', value: 65535 }],
  ['int32', { tag: 'I', value: -2147483648 }],
  ['uint32', { tag: 'i', value: 4294967295 }],
  ['int64', { tag: 'l', value: -(2 ** 53) + 1 }],
  ['timestamp', { tag: 'T', value: 1_700_000_000 }],
  ['float', { tag: 'f', value: 1.5 }],
  ['double', { tag: 'd', value: -0.1 }],
  ['decimal', { tag: 'D', value: { places: 2, digits: -12345 } }],
  ['void', { tag: 'V', value: null }],
  [
    'array',
    {
      tag: 'A',
      value: [
        { tag: 'S', value: 'a' },
        { tag: 'l', value: 7 },
      ],
    },
  ],
  ['table', { tag: 'F', value: new Map([['nested', { tag: 't', value: false }]]) }],
];

describe('field table codec', () => {
  it('reads back every field type it writes, keeping each value and its wire tag', () => {
    const table = new Map(everyTag);
    const decoded = decode(encode(table));
    expect([...decoded.keys()]).toEqual([...table.keys()]);
    for (const [key, value] of table) expect(decoded.get(key), key).toEqual(value);
  });

  it('writes the exact bytes of the 0-9-1 grammar: u32 size, short-string key, tag, value', () => {
    const bytes = encode(new Map([['a', { tag: 'I', value: -2 }]]));
    expect(bytes).toEqual(Buffer.from([0, 0, 0, 7, 1, 0x61, 0x49, 0xff, 0xff, 0xff, 0xfe]));
  });

  it('sizes nested arrays and tables so a reader can skip them', () => {
    const inner = new Map<string, FieldValue>([['k', { tag: 'S', value: 'v' }]]);
    const table = new Map<string, FieldValue>([
      [
        'deaths',
        {
          tag: 'A',
          value: [
            { tag: 'F', value: inner },
            { tag: 'V', value: null },
          ],
        },
      ],
      ['after', { tag: 'B', value: 9 }],
    ]);
    const bytes = encode(table);
    expect(bytes.readUInt32BE(0)).toBe(bytes.length - 4);
    expect(decode(bytes)).toEqual(table);
  });

  it('reads an empty table as an empty map and stops at its declared end', () => {
    const bytes = Buffer.concat([encode(new Map()), Buffer.from([0xde, 0xad])]);
    const reader = { buffer: bytes, offset: 0 };
    expect(readTable(reader).size).toBe(0);
    expect(reader.offset).toBe(4);
  });

  it('rejects a field value tag the spec does not define', () => {
    const bytes = Buffer.from([0, 0, 0, 3, 1, 0x61, 0x51]);
    expect(() => decode(bytes)).toThrow(/unknown field value tag 'Q'/);
  });

  it('refuses a key longer than a short string can hold', () => {
    expect(() => encode(new Map([['k'.repeat(256), { tag: 'V', value: null }]]))).toThrow(
      RangeError,
    );
  });

  it('grows its buffer as needed for long values', () => {
    const long = 'x'.repeat(100_000);
    expect(decode(encode(new Map([['big', { tag: 'S', value: long }]]))).get('big')).toEqual({
      tag: 'S',
      value: long,
    });
  });
});
