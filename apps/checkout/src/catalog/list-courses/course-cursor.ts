import { isStorableText } from '@shop/contracts';

// Cursors are opaque to clients (base64url), so the ordering key can change
// without breaking them; an undecodable cursor is a client error, not a 500.
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('cursor is not one this API issued');
  }
}

/** A cursor holding `position`: the base64url of its JSON. */
export function encodeOpaqueCursor(position: Readonly<Record<string, string>>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The fields of a cursor from `encodeOpaqueCursor`; InvalidCursorError for anything else. */
export function decodeOpaqueCursor(cursor: string): Readonly<Record<string, unknown>> {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null) return decoded as Record<string, unknown>;
  } catch {
    // fall through: not JSON
  }
  throw new InvalidCursorError();
}

/** The catalog's cursor: the slug of the last course shown. */
export function encodeCursor(slug: string): string {
  return encodeOpaqueCursor({ after: slug });
}

export function decodeCursor(cursor: string): string {
  const { after } = decodeOpaqueCursor(cursor);
  // Checked before the query: PostgreSQL refuses a NUL byte in text (a 500, not a 400).
  if (typeof after === 'string' && isStorableText(after)) return after;
  throw new InvalidCursorError();
}
