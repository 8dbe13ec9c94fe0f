import { describe, expect, it } from 'vitest';
import { FrameReader, FrameTooLargeError } from './frame-reader.js';

const prefix = (size: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(size >>> 0);
  return bytes;
};

describe('FrameReader', () => {
  it('refuses a size prefix above the limit on its four bytes, before any body arrives', () => {
    const reader = new FrameReader(100 * 1024 * 1024);
    expect(() => reader.push(prefix(0x7fff_ffff))).toThrow(FrameTooLargeError);
  });

  it('refuses a prefix announcing 2 GiB, which reads as a negative int32', () => {
    const reader = new FrameReader(100 * 1024 * 1024);
    expect(() => reader.push(prefix(2 ** 31))).toThrow(FrameTooLargeError);
  });

  it('refuses the prefix when it arrives a byte at a time', () => {
    const reader = new FrameReader(1024);
    const bytes = prefix(1025);
    for (const byte of bytes.subarray(0, 3)) expect(reader.push(Buffer.from([byte]))).toEqual([]);
    expect(() => reader.push(bytes.subarray(3))).toThrow(FrameTooLargeError);
  });

  it('returns a frame of exactly the limit once its last byte is in', () => {
    const reader = new FrameReader(3);
    expect(reader.push(Buffer.concat([prefix(3), Buffer.from([1, 2])]))).toEqual([]);
    expect(reader.push(Buffer.from([3]))).toEqual([Buffer.from([1, 2, 3])]);
  });
});
