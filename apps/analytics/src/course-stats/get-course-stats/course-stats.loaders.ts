import { Injectable } from '@nestjs/common';
import { batchLoader, isUuid, type LoadersFactory, type MoneyValue } from '@shop/subgraph';
import type DataLoader from 'dataloader';
import { CourseStatsRepository } from '../course-stats.repository.js';

/** A course's figures as the graph shows them. */
export interface CourseStatsView {
  readonly courseId: string;
  readonly conversions: number;
  readonly cancellations: number;
  readonly revenue: MoneyValue;
}

export interface AnalyticsLoaders {
  readonly statsByCourseId: DataLoader<string, CourseStatsView | undefined>;
}

/** The stats of many courses in one query. Public figures: no learner involved. */
@Injectable()
export class AnalyticsLoadersFactory implements LoadersFactory<AnalyticsLoaders> {
  constructor(private readonly stats: CourseStatsRepository) {}

  forRequest(): AnalyticsLoaders {
    return {
      statsByCourseId: batchLoader(
        async (courseIds) => {
          const ids = courseIds.filter(isUuid);
          if (ids.length === 0) return [];
          const rows = await this.stats.findByCourseIds(ids);
          return rows.map((row) => ({
            courseId: row.courseId,
            conversions: row.conversions,
            cancellations: row.cancellations,
            // BIGINT in the database, a bigint here: Money.minorUnits writes it exactly.
            revenue: { amountMinor: row.revenueMinor, currency: row.currency },
          }));
        },
        (stats) => stats.courseId,
      ),
    };
  }
}
