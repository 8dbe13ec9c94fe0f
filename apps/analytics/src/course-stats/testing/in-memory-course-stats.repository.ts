import { CourseStatsRepository, type CountResult } from '../course-stats.repository.js';
import {
  CurrencyMismatchError,
  type CourseStats,
  type CourseStatsIncrement,
} from '../domain/course-stats.js';
import { judgeOrderEvent, type CountedOrder } from '../domain/order-ledger.js';

/** The repository port in memory: counts each event id and each order once, all of its increments or none. */
export class InMemoryCourseStatsRepository extends CourseStatsRepository {
  readonly stats = new Map<string, CourseStats>();
  readonly orders = new Map<string, CountedOrder>();
  private readonly counted = new Set<string>();

  countOnce(
    eventId: string,
    order: CountedOrder,
    increments: readonly CourseStatsIncrement[],
  ): Promise<CountResult> {
    if (this.counted.has(eventId)) return Promise.resolve('duplicate');
    const decision = judgeOrderEvent(this.orders.get(order.orderId), order);
    if (decision.kind === 'contradiction') {
      return Promise.resolve({ contradiction: decision.reason });
    }
    if (decision.kind === 'already-counted') {
      this.counted.add(eventId);
      return Promise.resolve('duplicate');
    }
    const next = new Map(this.stats);
    for (const { line, delta } of increments) {
      const current = next.get(line.courseId);
      if (current && current.currency !== line.currency) {
        const mismatch = new CurrencyMismatchError(line.courseId, current.currency, line.currency);
        return Promise.resolve({ contradiction: mismatch.message });
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
    this.orders.set(order.orderId, order);
    this.counted.add(eventId);
    return Promise.resolve('counted');
  }

  findByCourseIds(courseIds: readonly string[]): Promise<CourseStats[]> {
    return Promise.resolve(courseIds.flatMap((id) => this.stats.get(id) ?? []));
  }
}
