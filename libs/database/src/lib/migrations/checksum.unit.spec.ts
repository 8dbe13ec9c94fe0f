import { describe, expect, it } from 'vitest';
import { checksumMatches, migrationChecksum } from './checksum.js';

describe('migrationChecksum', () => {
  it('is the zero-padded SHA-256 hex Prisma stores', () => {
    // The vector from the schema engine's own test (format_checksum_does_not_strip_zeros).
    expect(migrationChecksum('hello')).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
  });
});

describe('checksumMatches', () => {
  it('accepts the same script with the other line endings, as Prisma does', () => {
    const unix = 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n';
    const windows = unix.replaceAll('\n', '\r\n');
    expect(checksumMatches(windows, migrationChecksum(unix))).toBe(true);
    expect(checksumMatches(unix, migrationChecksum(windows))).toBe(true);
  });

  it('accepts the unpadded hex very old engines stored', () => {
    const digest = migrationChecksum('abcd');
    const unpadded = Buffer.from(digest, 'hex').reduce((hex, byte) => hex + byte.toString(16), '');
    expect(unpadded.length).toBeLessThan(64);
    expect(checksumMatches('abcd', unpadded)).toBe(true);
  });

  it('rejects any other change', () => {
    expect(checksumMatches('abc', migrationChecksum('abcd'))).toBe(false);
    expect(checksumMatches('abc\n', migrationChecksum('abc'))).toBe(false);
  });
});
