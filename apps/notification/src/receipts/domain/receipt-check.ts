import type { OrderCompletedV1 } from '@shop/contracts';
import type { Receipt } from './receipt.js';
import { receiptBody } from './receipt-body.js';

/** What to do with an `order.completed.v1`, given the receipt already sent for its order, if any. */
export type ReceiptDecision =
  | { readonly kind: 'send' }
  | { readonly kind: 'already-sent' }
  | { readonly kind: 'contradiction'; readonly reason: string };

/**
 * One order completes once, for one learner, with one set of lines and one
 * total. A second event that agrees with the receipt already sent is a
 * re-publication (nothing to do); one that disagrees contradicts it and must
 * not be mailed or silently dropped. The receipt's body is a pure function of
 * the lines and the total, so comparing bodies compares those.
 */
export function checkAgainstReceipt(
  sent: Receipt | undefined,
  order: OrderCompletedV1,
): ReceiptDecision {
  if (sent === undefined) return { kind: 'send' };
  if (sent.learnerId !== order.learnerId) {
    return {
      kind: 'contradiction',
      reason: `order ${order.orderId} was receipted to learner ${sent.learnerId}; this event completes it for learner ${order.learnerId}`,
    };
  }
  if (sent.body !== receiptBody(order)) {
    return {
      kind: 'contradiction',
      reason: `order ${order.orderId} was receipted with other lines or another total than this event's`,
    };
  }
  return { kind: 'already-sent' };
}
