import { Module } from '@nestjs/common';
import { SubgraphModule } from '@shop/subgraph';
import { CourseStatsGraphqlResolver } from './course-stats.graphql-resolver.js';
import { AnalyticsLoadersFactory } from './course-stats.loaders.js';

@Module({
  providers: [AnalyticsLoadersFactory, CourseStatsGraphqlResolver],
  exports: [AnalyticsLoadersFactory],
})
export class AnalyticsGraphModule {}

/** analytics' subgraph (libs/contracts/graphql/analytics.graphql) at POST /graphql. */
export const AnalyticsSubgraphModule = SubgraphModule.forRoot({
  subgraph: 'analytics',
  imports: [AnalyticsGraphModule],
  loaders: AnalyticsLoadersFactory,
});
