import type { FieldTable, FieldValue } from './field-table.codec.js';

/** An append-only buffer that grows as needed; encoders write into it. */
export class Writer {
  buffer: Buffer;
  offset = 0;

  constructor(capacity = 256) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  ensure(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  u8(v: number): void {
    this.ensure(1);
    this.offset = this.buffer.writeUInt8(v, this.offset);
  }

  u16(v: number): void {
    this.ensure(2);
    this.offset = this.buffer.writeUInt16BE(v, this.offset);
  }

  u32(v: number): void {
    this.ensure(4);
    this.offset = this.buffer.writeUInt32BE(v, this.offset);
  }

  u64(v: number): void {
    this.ensure(8);
    this.offset = this.buffer.writeBigUInt64BE(BigInt(v), this.offset);
  }

  bytes(b: Buffer): void {
    this.ensure(b.length);
    this.offset += b.copy(this.buffer, this.offset);
  }

  shortString(s: string): void {
    const length = Buffer.byteLength(s);
    if (length > 255) throw new RangeError('short string longer than 255 bytes');
    this.ensure(1 + length);
    this.buffer.writeUInt8(length, this.offset);
    this.offset += 1 + this.buffer.write(s, this.offset + 1);
  }

  longString(s: string | Buffer): void {
    const b = typeof s === 'string' ? Buffer.from(s) : s;
    this.u32(b.length);
    this.bytes(b);
  }

  table(table: FieldTable): void {
    this.sized(() => {
      for (const [key, value] of table) {
        this.shortString(key);
        this.value(value);
      }
    });
  }

  result(): Buffer {
    return this.buffer.subarray(0, this.offset);
  }

  // Writes a u32 length prefix around whatever `body` writes.
  private sized(body: () => void): void {
    this.ensure(4);
    const at = this.offset;
    this.offset += 4;
    body();
    this.buffer.writeUInt32BE(this.offset - at - 4, at);
  }

  private value(v: FieldValue): void {
    this.u8(v.tag.charCodeAt(0));
    this.ensure(9);
    const b = this.buffer;
    switch (v.tag) {
      case 'S': {
        this.longString(v.value);
        return;
      }
      case 'x': {
        this.longString(v.value);
        return;
      }
      case 't': {
        this.u8(v.value ? 1 : 0);
        return;
      }
      case 'b':
        this.offset = b.writeInt8(v.value, this.offset);
        return;
      case 'B': {
        this.u8(v.value);
        return;
      }
      case 's':
        this.offset = b.writeInt16BE(v.value, this.offset);
        return;
      case 'u': {
        this.u16(v.value);
        return;
      }
      case 'I':
        this.offset = b.writeInt32BE(v.value, this.offset);
        return;
      case 'i': {
        this.u32(v.value);
        return;
      }
      case 'l':
        this.offset = b.writeBigInt64BE(BigInt(v.value), this.offset);
        return;
      case 'T': {
        this.u64(v.value);
        return;
      }
      case 'f':
        this.offset = b.writeFloatBE(v.value, this.offset);
        return;
      case 'd':
        this.offset = b.writeDoubleBE(v.value, this.offset);
        return;
      case 'D':
        this.u8(v.value.places);
        this.offset = this.buffer.writeInt32BE(v.value.digits, this.offset);
        return;
      case 'V':
        return;
      case 'A': {
        this.sized(() => {
          for (const item of v.value) this.value(item);
        });
        return;
      }
      case 'F': {
        this.table(v.value);
        return;
      }
    }
  }
}
