// Builds a response in one growing buffer; big-endian, classic and compact encodings.
export class Writer {
  private buffer: Buffer;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = Buffer.allocUnsafe(initialCapacity);
  }

  get size(): number {
    return this.length;
  }

  int8(value: number): this {
    const at = this.reserve(1);
    this.buffer.writeInt8(value, at);
    return this;
  }

  int16(value: number): this {
    const at = this.reserve(2);
    this.buffer.writeInt16BE(value, at);
    return this;
  }

  int32(value: number): this {
    const at = this.reserve(4);
    this.buffer.writeInt32BE(value, at);
    return this;
  }

  int64(value: number | bigint): this {
    const at = this.reserve(8);
    this.buffer.writeBigInt64BE(BigInt(value), at);
    return this;
  }

  boolean(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  string(value: string | null): this {
    if (value === null) return this.int16(-1);
    const byteLength = Buffer.byteLength(value);
    this.int16(byteLength);
    const at = this.reserve(byteLength);
    this.buffer.write(value, at, 'utf8');
    return this;
  }

  bytes(value: Buffer | null): this {
    if (value === null) return this.int32(-1);
    this.int32(value.length);
    return this.raw(value);
  }

  /** A flexible-version string: uvarint length + 1, 0 for null. */
  compactString(value: string | null): this {
    if (value === null) return this.uint8(0);
    const byteLength = Buffer.byteLength(value);
    this.uvarint(byteLength + 1);
    const at = this.reserve(byteLength);
    this.buffer.write(value, at, 'utf8');
    return this;
  }

  compactBytes(value: Buffer | null): this {
    if (value === null) return this.uint8(0);
    return this.uvarint(value.length + 1).raw(value);
  }

  raw(value: Buffer): this {
    const at = this.reserve(value.length);
    value.copy(this.buffer, at);
    return this;
  }

  uint16(value: number): this {
    const at = this.reserve(2);
    this.buffer.writeUInt16BE(value, at);
    return this;
  }

  uint32(value: number): this {
    const at = this.reserve(4);
    this.buffer.writeUInt32BE(value, at);
    return this;
  }

  float64(value: number): this {
    const at = this.reserve(8);
    this.buffer.writeDoubleBE(value, at);
    return this;
  }

  /** An unsigned LEB128 varint (lengths, counts and tags of flexible versions). */
  uvarint(value: number): this {
    let rest = value;
    while (rest >= 0x80) {
      this.uint8((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    return this.uint8(rest);
  }

  uint8(value: number): this {
    const at = this.reserve(1);
    this.buffer.writeUInt8(value, at);
    return this;
  }

  /** Overwrites an int32 written earlier (frame sizes). */
  patchInt32(position: number, value: number): void {
    this.buffer.writeInt32BE(value, position);
  }

  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  // Callers take the position before touching this.buffer: growing replaces it.
  private reserve(byteCount: number): number {
    const start = this.length;
    const needed = start + byteCount;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, start);
      this.buffer = grown;
    }
    this.length = needed;
    return start;
  }
}
