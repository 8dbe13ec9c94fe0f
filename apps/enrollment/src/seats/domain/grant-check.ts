import type { Enrollment } from './enrollment.js';
import type { OrderGrant } from './order-grant.js';

/** What to do with a grant-seat command, given the seats already granted to its order. */
export type GrantCheck =
  | { readonly kind: 'allocate' }
  | { readonly kind: 'already-granted' }
  | { readonly kind: 'contradiction'; readonly reason: string };

/** A grant-seat command judged against all enrollment knows of its order, tombstone included. */
export type GrantSeatCheck = GrantCheck | { readonly kind: 'cancelled'; readonly reason: string };

interface OrderCommand {
  readonly orderId: string;
  readonly learnerId: string;
  readonly courseIds: readonly string[];
}

/**
 * A grant-seat command for an order whose grant was cancelled is refused,
 * whatever it asks for: after a cancellation no seat is ever granted to that
 * order (checkout has refunded it, or is about to). Otherwise, as
 * {@link checkAgainstGrant}.
 */
export function checkGrantSeat(order: OrderGrant, command: OrderCommand): GrantSeatCheck {
  const { cancellation } = order;
  if (cancellation) {
    return {
      kind: 'cancelled',
      reason: `order ${command.orderId}'s grant was cancelled at ${cancellation.cancelledAt.toISOString()} (command ${cancellation.commandId}); no seat is granted after a cancellation`,
    };
  }
  return checkAgainstGrant(order.enrollments, command);
}

/**
 * An order is granted once, to one learner, in one set of courses. A command
 * (under any command id) that asks for exactly what was granted is a
 * re-send: nothing to do. One that names another learner or other courses
 * for an order already granted contradicts that grant: it takes no seat and
 * is parked with the reason.
 */
export function checkAgainstGrant(
  granted: readonly Enrollment[],
  command: OrderCommand,
): GrantCheck {
  if (granted.length === 0) return { kind: 'allocate' };
  const order = `order ${command.orderId}`;
  const learners = [...new Set(granted.map((e) => e.learnerId))];
  if (learners.length !== 1 || learners[0] !== command.learnerId) {
    return {
      kind: 'contradiction',
      reason: `${order} was granted to learner ${learners.join(', ')}; this command asks for learner ${command.learnerId}`,
    };
  }
  const had = granted.map((e) => e.courseId).sort();
  const asked = [...command.courseIds].sort();
  if (had.length !== asked.length || had.some((courseId, i) => courseId !== asked[i])) {
    return {
      kind: 'contradiction',
      reason: `${order} was granted seats in [${had.join(', ')}]; this command asks for [${asked.join(', ')}]`,
    };
  }
  return { kind: 'already-granted' };
}
