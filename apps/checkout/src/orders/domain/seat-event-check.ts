import type { GrantCancelledV1, SeatGrantedV1, SeatRejectedV1 } from '@shop/contracts';
import { Order, type OrderSnapshot } from './order.js';

/**
 * What checkout makes of enrollment's answer about an order, from the order
 * alone: apply it, recognise an answer already applied (a re-publication: a
 * no-op), recognise one superseded by the grant's cancellation, or refuse one
 * that contradicts the order. enrollment answers once per command, about the
 * courses and the learner checkout asked for, and only after checkout asked
 * (PAID → ENROLLING commits with the grant-seat command; the cancel-grant
 * command commits with the order's `enrollment-timeout` history entry).
 */
export type SeatEventCheck =
  | { readonly kind: 'apply' }
  | { readonly kind: 'already-applied' }
  | { readonly kind: 'superseded'; readonly reason: string }
  | {
      readonly kind: 'refuse';
      readonly code: 'UNKNOWN_ORDER' | 'CONTRADICTION';
      readonly reason: string;
    };

export function checkSeatsGranted(
  order: OrderSnapshot | undefined,
  event: SeatGrantedV1,
): SeatEventCheck {
  if (!order) return unknownOrder(event.orderId);
  const granted = event.enrollments.map((e) => e.courseId);
  const mismatch =
    learnerMismatch(order, event.learnerId) ??
    (sameSet(granted, coursesOf(order))
      ? undefined
      : `order ${order.id} is for courses [${coursesOf(order).join(', ')}]; the event grants seats in [${[...granted].sort().join(', ')}]`);
  if (mismatch) return contradiction(mismatch);
  // Granted before enrollment saw the cancel: the cancel releases these seats, and its answer decides.
  if (cancelRequested(order)) {
    return {
      kind: 'superseded',
      reason: `seats granted for order ${order.id} after checkout asked enrollment to cancel the grant; the cancellation decides`,
    };
  }
  switch (order.status) {
    case 'ENROLLING':
      return { kind: 'apply' };
    case 'COMPLETED':
      return { kind: 'already-applied' };
    case 'CANCELLED':
      return contradiction(
        `order ${order.id} is CANCELLED (${lastReason(order)}); its seats cannot have been granted`,
      );
    case 'PENDING_PAYMENT':
    case 'PAID':
      return contradiction(
        `order ${order.id} is ${order.status}: no seats were requested for it yet`,
      );
  }
}

export function checkSeatRejected(
  order: OrderSnapshot | undefined,
  event: SeatRejectedV1,
): SeatEventCheck {
  if (!order) return unknownOrder(event.orderId);
  const mismatch =
    learnerMismatch(order, event.learnerId) ??
    (coursesOf(order).includes(event.courseId)
      ? undefined
      : `order ${order.id} is for courses [${coursesOf(order).join(', ')}]; the event rejects course ${event.courseId}`);
  if (mismatch) return contradiction(mismatch);
  switch (order.status) {
    case 'ENROLLING':
      return { kind: 'apply' };
    case 'CANCELLED':
      // Cancelled by a seat rejection (the same answer again), or by a decline: then no seat was ever asked for.
      return wasEnrolling(order)
        ? { kind: 'already-applied' }
        : contradiction(
            `order ${order.id} was CANCELLED before enrolling (${lastReason(order)}); no seat was asked for`,
          );
    case 'COMPLETED':
      return contradiction(
        `order ${order.id} is COMPLETED: its seats were granted, so they cannot be rejected`,
      );
    case 'PENDING_PAYMENT':
    case 'PAID':
      return contradiction(
        `order ${order.id} is ${order.status}: no seats were requested for it yet`,
      );
  }
}

/**
 * enrollment's answer to checkout's cancel-grant command: it comes only for an
 * order checkout asked it about, names released seats only in the order's
 * courses, and is applied once — or is already applied when the order was
 * compensated meanwhile by a seat rejection (both answers leave no seat).
 */
export function checkGrantCancelled(
  order: OrderSnapshot | undefined,
  event: GrantCancelledV1,
): SeatEventCheck {
  if (!order) return unknownOrder(event.orderId);
  const foreign = event.released
    .map((e) => e.courseId)
    .filter((c) => !coursesOf(order).includes(c));
  const mismatch =
    learnerMismatch(order, event.learnerId) ??
    (foreign.length === 0
      ? undefined
      : `order ${order.id} is for courses [${coursesOf(order).join(', ')}]; the event releases seats in [${foreign.join(', ')}]`);
  if (mismatch) return contradiction(mismatch);
  switch (order.status) {
    case 'ENROLLING':
      return cancelRequested(order)
        ? { kind: 'apply' }
        : contradiction(
            `order ${order.id} is ENROLLING and checkout never asked enrollment to cancel its grant`,
          );
    case 'CANCELLED':
      return wasEnrolling(order)
        ? { kind: 'already-applied' }
        : contradiction(
            `order ${order.id} was CANCELLED before enrolling (${lastReason(order)}); there was no grant to cancel`,
          );
    case 'COMPLETED':
      return contradiction(
        `order ${order.id} is COMPLETED: checkout never asks to cancel the grant of a completed order`,
      );
    case 'PENDING_PAYMENT':
    case 'PAID':
      return contradiction(
        `order ${order.id} is ${order.status}: no seats were requested for it yet`,
      );
  }
}

function cancelRequested(order: OrderSnapshot): boolean {
  return Order.restore(order).enrollmentCancelRequested;
}

function unknownOrder(orderId: string): SeatEventCheck {
  return {
    kind: 'refuse',
    code: 'UNKNOWN_ORDER',
    reason: `no order ${orderId}: checkout never asked for its seats`,
  };
}

function contradiction(reason: string): SeatEventCheck {
  return { kind: 'refuse', code: 'CONTRADICTION', reason };
}

function learnerMismatch(order: OrderSnapshot, learnerId: string): string | undefined {
  return order.learnerId === learnerId
    ? undefined
    : `order ${order.id} belongs to learner ${order.learnerId}; the event names learner ${learnerId}`;
}

function coursesOf(order: OrderSnapshot): string[] {
  return order.lines.map((l) => l.courseId).sort();
}

function sameSet(a: readonly string[], sortedB: readonly string[]): boolean {
  const sortedA = [...new Set(a)].sort();
  return sortedA.length === sortedB.length && sortedA.every((v, i) => v === sortedB[i]);
}

function wasEnrolling(order: OrderSnapshot): boolean {
  return order.history.some((c) => c.from === 'ENROLLING' && c.to === 'CANCELLED');
}

function lastReason(order: OrderSnapshot): string {
  return order.history.at(-1)?.reason ?? 'no reason recorded';
}
