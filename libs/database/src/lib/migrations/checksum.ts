import { createHash } from 'node:crypto';

// Prisma's schema engine (schema-connector/src/checksum.rs): SHA-256 of the
// migration script, rendered as 64 zero-padded lowercase hex digits.
const CHECKSUM_LENGTH = 64;

/** The checksum Prisma stores in `_prisma_migrations.checksum` for this script. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * Whether a script still matches a stored checksum, accepting what Prisma
 * accepts: the script with either line ending (git may rewrite them), and the
 * unpadded hex that very old engine versions stored.
 */
export function checksumMatches(script: string, stored: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant).digest();
    const rendered =
      stored.length !== 0 && stored.length !== CHECKSUM_LENGTH
        ? [...digest].map((byte) => byte.toString(16)).join('')
        : digest.toString('hex');
    return rendered === stored;
  });
}
