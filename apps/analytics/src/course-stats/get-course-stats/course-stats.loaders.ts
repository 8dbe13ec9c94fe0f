import { Injectable } from '@nestjs/common';
import { batchLoader, isUuid, type LoadersFactory } from '@shop/subgraph';
import type DataLoader from 'dataloader';
import { CourseStatsRepository } from '../course-stats.repository.js';

/** A course's figures as the graph shows them. */
export interface CourseStatsView {
  readonly courseId: string;
  readonly conversions: number;
  readonly cancellations: number;
  readonly revenue: { readonly amountMinor: number; readonly currency: string };
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
            // BIGINT in the database; GraphQL's Int is 32-bit, enough for a demo shop's cents.
            revenue: { amountMinor: Number(row.revenueMinor), currency: row.currency },
          }));
        },
        (stats) => stats.courseId,
      ),
    };
  }
}
