import { CourseStatsRepository } from '../course-stats.repository.js';
import {
  CurrencyMismatchError,
  type CourseStats,
  type CourseStatsIncrement,
} from '../domain/course-stats.js';

/** The repository port in memory: counts each event id once, all of its increments or none. */
export class InMemoryCourseStatsRepository extends CourseStatsRepository {
  readonly stats = new Map<string, CourseStats>();
  private readonly counted = new Set<string>();

  countOnce(eventId: string, increments: readonly CourseStatsIncrement[]): Promise<boolean> {
    if (this.counted.has(eventId)) return Promise.resolve(false);
    const next = new Map(this.stats);
    for (const { line, delta } of increments) {
      const current = next.get(line.courseId);
      if (current && current.currency !== line.currency) {
        return Promise.reject(
          new CurrencyMismatchError(line.courseId, current.currency, line.currency),
        );
      }
      next.set(line.courseId, {
        courseId: line.courseId,
        currency: line.currency,
        conversions: (current?.conversions ?? 0) + delta.conversions,
        cancellations: (current?.cancellations ?? 0) + delta.cancellations,
        revenueMinor: (current?.revenueMinor ?? 0n) + delta.revenueMinor,
      });
    }
    for (const [courseId, stats] of next) this.stats.set(courseId, stats);
    this.counted.add(eventId);
    return Promise.resolve(true);
  }

  findByCourseIds(courseIds: readonly string[]): Promise<CourseStats[]> {
    return Promise.resolve(courseIds.flatMap((id) => this.stats.get(id) ?? []));
  }
}
