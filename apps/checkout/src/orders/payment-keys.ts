import { createHash } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';

// Keys for payment are derived, never random: a retry of the same intent must
// send the same key, even from another process after a crash.

// A fixed namespace for checkout's refund ids (UUID v5 names live in one).
const REFUND_NAMESPACE = '0d3c5a8e-6b7f-4e21-9c4d-2f1a7b6e5c30';

/**
 * Payment's Authorize key for the order placed with this HTTP Idempotency-Key:
 * a retried POST resumes the same order and asks with the same key, so payment
 * answers with the first outcome instead of charging again.
 */
export function authorizeKeyOf(httpIdempotencyKey: string): string {
  return `checkout-order-${createHash('sha256').update(httpIdempotencyKey).digest('hex')}`;
}

/**
 * The refund of an order's payment: one per order, a UUID derived from the
 * order id. It is both payment's Refund idempotency key and the refund id the
 * order and `order.cancelled.v1` carry.
 */
export function refundIdOf(orderId: string): string {
  return uuidV5(`refund:${orderId}`, REFUND_NAMESPACE);
}
