import { isStorableInstant } from '@shop/contracts';
import { isUuid } from '@shop/subgraph';
import {
  decodeOpaqueCursor,
  encodeOpaqueCursor,
  InvalidCursorError,
} from '../../catalog/list-courses/course-cursor.js';
import type { OrderListPosition } from '../orders.repository.js';

// Opaque to clients, like the catalog's: (created_at, id) of the last order shown.
export function encodeOrderCursor({ createdAt, id }: OrderListPosition): string {
  return encodeOpaqueCursor({ at: createdAt.toISOString(), id });
}

export function decodeOrderCursor(cursor: string): OrderListPosition {
  const { at, id } = decodeOpaqueCursor(cursor);
  const createdAt = typeof at === 'string' ? new Date(at) : undefined;
  // A date PostgreSQL cannot compare with (year −271821) is not one we issued.
  if (createdAt && isStorableInstant(createdAt) && typeof id === 'string' && isUuid(id)) {
    return { createdAt, id };
  }
  throw new InvalidCursorError();
}
