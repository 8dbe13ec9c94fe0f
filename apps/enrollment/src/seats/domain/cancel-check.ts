import type { Enrollment } from './enrollment.js';
import { checkAgainstGrant } from './grant-check.js';
import type { OrderGrant } from './order-grant.js';

/** What to do with a cancel-grant command, given what enrollment knows of its order. */
export type CancelCheck =
  /** Cancel now: release these enrollments (none when nothing was granted) and record the tombstone. */
  | { readonly kind: 'cancel'; readonly release: readonly Enrollment[] }
  /** The grant is already cancelled (another command for the same order): nothing to do. */
  | { readonly kind: 'already-cancelled' }
  | { readonly kind: 'contradiction'; readonly reason: string };

/**
 * A cancellation always wins in enrollment, and is decided here alone: seats
 * granted before it arrived are released, and a grant not handled yet will be
 * refused (the tombstone). A cancel-grant command must describe the order as
 * its grant did (same learner, same courses); one that does not contradicts
 * the grant, releases nothing and is parked with the reason.
 */
export function checkCancelGrant(
  order: OrderGrant,
  command: {
    readonly orderId: string;
    readonly learnerId: string;
    readonly courseIds: readonly string[];
  },
): CancelCheck {
  const { cancellation } = order;
  if (cancellation) {
    return cancellation.learnerId === command.learnerId
      ? { kind: 'already-cancelled' }
      : {
          kind: 'contradiction',
          reason: `order ${command.orderId}'s grant was cancelled for learner ${cancellation.learnerId}; this command names learner ${command.learnerId}`,
        };
  }
  const check = checkAgainstGrant(order.enrollments, command);
  switch (check.kind) {
    case 'contradiction':
      return check;
    case 'allocate':
      return { kind: 'cancel', release: [] };
    case 'already-granted':
      return { kind: 'cancel', release: order.enrollments };
  }
}
