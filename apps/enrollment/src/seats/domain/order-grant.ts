import type { Enrollment } from './enrollment.js';

/** A cancelled grant: checkout gave up on the order, and enrollment will never grant it. */
export interface GrantCancellation {
  readonly orderId: string;
  readonly learnerId: string;
  /** The cancel-grant command that decided it. */
  readonly commandId: string;
  /** How many seats the cancellation released. */
  readonly released: number;
  readonly cancelledAt: Date;
}

/** What enrollment knows about one order, read under the order's lock. */
export interface OrderGrant {
  /** The seats granted to the order (none while no grant-seat command was handled, or after a cancellation). */
  readonly enrollments: readonly Enrollment[];
  /** Set once its grant was cancelled: the tombstone. */
  readonly cancellation: GrantCancellation | undefined;
}
