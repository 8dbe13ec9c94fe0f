import type { CourseStats, CourseStatsIncrement } from './domain/course-stats.js';
import type { CountedOrder } from './domain/order-ledger.js';

/** What counting one event did: counted it, found it counted before, or found it contradicts what was counted. */
export type CountResult = 'counted' | 'duplicate' | { readonly contradiction: string };

/** Storage of the per-course totals, behind an interface the use cases own. */
export abstract class CourseStatsRepository {
  /**
   * Applies every increment of one event about `order`, once: `duplicate`
   * (nothing changed) when `eventId` was counted before, or when the order was
   * counted before exactly as this event describes it (`judgeOrderEvent`).
   * All or nothing: an event that contradicts the counted order, or a line in
   * another currency than its course's, changes nothing and comes back as a
   * `contradiction`.
   */
  abstract countOnce(
    eventId: string,
    order: CountedOrder,
    increments: readonly CourseStatsIncrement[],
  ): Promise<CountResult>;

  abstract findByCourseIds(courseIds: readonly string[]): Promise<CourseStats[]>;
}
