// Cursors are opaque to clients (base64url), so the ordering key can change
// without breaking them; an undecodable cursor is a client error, not a 500.
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('cursor is not one this API issued');
  }
}

export function encodeCursor(slug: string): string {
  return Buffer.from(JSON.stringify({ after: slug })).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof decoded === 'object' &&
      decoded !== null &&
      'after' in decoded &&
      typeof decoded.after === 'string'
    ) {
      return decoded.after;
    }
  } catch {
    // fall through: not JSON
  }
  throw new InvalidCursorError();
}
