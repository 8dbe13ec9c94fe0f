import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.js';

describe('crc32c', () => {
  it('matches the Castagnoli check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('checksums a sub-range exactly like a copy of it', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 31) % 256));
    expect(crc32c(data, 3, 997)).toBe(crc32c(Buffer.from(data.subarray(3, 997))));
    expect(crc32c(data, 3, 997)).not.toBe(crc32c(data, 4, 997));
  });
});
