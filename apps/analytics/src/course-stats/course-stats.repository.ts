import type { CourseStats, CourseStatsIncrement } from './domain/course-stats.js';

/** Storage of the per-course totals, behind an interface the use cases own. */
export abstract class CourseStatsRepository {
  /**
   * Applies every increment of one event, once: false (and nothing changed)
   * when `eventId` was counted before. All or nothing; a line in another
   * currency than its course's rejects with `CurrencyMismatchError`.
   */
  abstract countOnce(
    eventId: string,
    increments: readonly CourseStatsIncrement[],
  ): Promise<boolean>;

  abstract findByCourseIds(courseIds: readonly string[]): Promise<CourseStats[]>;
}
