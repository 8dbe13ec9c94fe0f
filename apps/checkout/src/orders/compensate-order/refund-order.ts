import { assertUnreachable } from '@shop/contracts';
import type { Payments, RefundRequest } from '../../payments/payments.port.js';
import type { Order } from '../domain/order.js';
import { PaymentUnavailableError, RefundRefusedError } from '../domain/order.errors.js';
import { refundIdOf } from '../payment-keys.js';

/**
 * Refunds a paid order in full, idempotent by a key derived from the order
 * (a retry, or a second compensation of the same order, never refunds twice).
 * Payment unavailable throws `PaymentUnavailableError`: the consumer delivers
 * the event again later.
 */
export async function refundOrder(
  payments: Payments,
  order: Order,
  reason: RefundRequest['reason'],
): Promise<string> {
  const { id, paymentId } = order.snapshot;
  if (paymentId === null) throw new Error(`order ${id} is ENROLLING without a payment`);
  const idempotencyKey = refundIdOf(id);
  const outcome = await payments.refund({ paymentId, idempotencyKey, reason });
  switch (outcome.kind) {
    case 'refunded':
      return idempotencyKey;
    case 'unavailable':
      throw new PaymentUnavailableError(outcome.reason, outcome.retryAfterMs);
    case 'not-refundable':
      throw new RefundRefusedError(id, paymentId);
    default:
      return assertUnreachable(outcome);
  }
}
