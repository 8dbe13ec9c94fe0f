import { ErrorCode } from './error-codes.js';

/** Thrown when a request body is shorter or stranger than its schema says. */
export class MalformedRequestError extends Error {
  readonly code = ErrorCode.CORRUPT_MESSAGE;
}

// Reads the big-endian primitives of the Kafka protocol, classic and compact (flexible) forms.
export class Reader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  int8(): number {
    return this.buffer.readInt8(this.advance(1));
  }

  int16(): number {
    return this.buffer.readInt16BE(this.advance(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.advance(4));
  }

  // Offsets and timestamps fit in a double for any log this broker will hold.
  int64(): number {
    return Number(this.buffer.readBigInt64BE(this.advance(8)));
  }

  bigint64(): bigint {
    return this.buffer.readBigInt64BE(this.advance(8));
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const start = this.advance(length);
    return this.buffer.toString('utf8', start, start + length);
  }

  uint16(): number {
    return this.buffer.readUInt16BE(this.advance(2));
  }

  uint32(): number {
    return this.buffer.readUInt32BE(this.advance(4));
  }

  float64(): number {
    return this.buffer.readDoubleBE(this.advance(8));
  }

  /** An unsigned LEB128 varint (lengths, counts and tags of flexible versions). */
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      const byte = this.buffer.readUInt8(this.advance(1));
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new MalformedRequestError('varint longer than 5 bytes');
  }

  /** The next `length` bytes, not copied. */
  slice(length: number): Buffer {
    const start = this.advance(length);
    return this.buffer.subarray(start, start + length);
  }

  skip(length: number): void {
    this.advance(length);
  }

  private advance(length: number): number {
    if (length > this.remaining) {
      throw new MalformedRequestError(`needs ${length} bytes, ${this.remaining} left`);
    }
    const start = this.offset;
    this.offset += length;
    return start;
  }
}
