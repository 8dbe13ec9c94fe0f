import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { SubgraphContext } from '@shop/subgraph';
import type { AnalyticsLoaders, CourseStatsView } from './course-stats.loaders.js';

/** Course.stats: null until analytics has counted an order of the course. */
@Resolver('Course')
export class CourseStatsGraphqlResolver {
  @ResolveField('stats')
  stats(
    @Parent() course: { id: string },
    @Context() { loaders }: SubgraphContext<AnalyticsLoaders>,
  ): Promise<CourseStatsView | undefined> {
    return loaders.statsByCourseId.load(course.id);
  }
}
