import { Module } from '@nestjs/common';
import { SubgraphModule, type SubgraphSettings } from '@shop/subgraph';
import { CourseStatsModule } from '../course-stats/course-stats.module.js';
import { CourseStatsGraphqlResolver } from '../course-stats/get-course-stats/course-stats.graphql-resolver.js';
import { AnalyticsLoadersFactory } from '../course-stats/get-course-stats/course-stats.loaders.js';

@Module({
  imports: [CourseStatsModule],
  providers: [AnalyticsLoadersFactory, CourseStatsGraphqlResolver],
  exports: [AnalyticsLoadersFactory],
})
export class AnalyticsGraphModule {}

/** analytics' subgraph (libs/contracts/graphql/analytics.graphql) at POST /graphql. */
export const analyticsSubgraph = (config: SubgraphSettings) =>
  SubgraphModule.forRoot({
    subgraph: 'analytics',
    imports: [AnalyticsGraphModule],
    loaders: AnalyticsLoadersFactory,
    config,
  });
