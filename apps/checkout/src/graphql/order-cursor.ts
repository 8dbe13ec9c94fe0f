import { isUuid } from '@shop/subgraph';
import { InvalidCursorError } from '../catalog/list-courses/course-cursor.js';
import type { OrderListPosition } from './order-reads.js';

// Opaque to clients, like the catalog's: (created_at, id) of the last order shown.
export function encodeOrderCursor({ createdAt, id }: OrderListPosition): string {
  return Buffer.from(JSON.stringify({ at: createdAt.toISOString(), id })).toString('base64url');
}

export function decodeOrderCursor(cursor: string): OrderListPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof decoded === 'object' &&
      decoded !== null &&
      'at' in decoded &&
      'id' in decoded &&
      typeof decoded.at === 'string' &&
      typeof decoded.id === 'string' &&
      isUuid(decoded.id)
    ) {
      const createdAt = new Date(decoded.at);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: decoded.id };
    }
  } catch {
    // fall through: not JSON
  }
  throw new InvalidCursorError();
}
