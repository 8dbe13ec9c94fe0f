import type { Enrollment } from './enrollment.js';

/** What to do with a grant-seat command, given the seats already granted to its order. */
export type GrantCheck =
  | { readonly kind: 'allocate' }
  | { readonly kind: 'already-granted' }
  | { readonly kind: 'contradiction'; readonly reason: string };

/**
 * An order is granted once, to one learner, in one set of courses. A command
 * (under any command id) that asks for exactly what was granted is a
 * re-send: nothing to do. One that names another learner or other courses
 * for an order already granted contradicts that grant: it takes no seat and
 * is parked with the reason.
 */
export function checkAgainstGrant(
  granted: readonly Enrollment[],
  command: {
    readonly orderId: string;
    readonly learnerId: string;
    readonly courseIds: readonly string[];
  },
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
