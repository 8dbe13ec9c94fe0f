import { Args, Int, Query, ResolveReference, Resolver } from '@nestjs/graphql';
import { isGraphPageSize, MAX_GRAPH_PAGE } from '@shop/contracts';
import { problemType } from '@shop/platform';
import { isUuid, subgraphError, type SubgraphContext } from '@shop/subgraph';
import { catalogProblem } from '../catalog-errors.problem.js';
import { CourseCache } from '../course-cache.js';
import type { Course } from '../domain/course.js';
import { InvalidCursorError } from './course-cursor.js';
import { ListCoursesHandler } from './list-courses.handler.js';
import type { CheckoutLoaders } from '../../graphql/checkout.loaders.js';

type Context = SubgraphContext<CheckoutLoaders>;

/** The catalog in the graph: the same use case as GET /v1/courses, and Course as an entity. */
@Resolver('Course')
export class CoursesGraphqlResolver {
  constructor(
    private readonly listCourses: ListCoursesHandler,
    private readonly courseCache: CourseCache,
  ) {}

  @Query('courses')
  async courses(
    @Args('first', { type: () => Int }) first: number,
    @Args('after') after: string | null | undefined,
  ) {
    try {
      const page = await this.listCourses.execute({
        limit: pageSize(first),
        cursor: after ?? undefined,
      });
      return { nodes: page.items, nextCursor: page.nextCursor };
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      throw subgraphError({ code: 'BAD_USER_INPUT', problem: catalogProblem(error) });
    }
  }

  // Not found is null, as GraphQL lookups go (REST answers 404). Read through
  // the catalog cache, as GET /v1/courses/:id is; entities and order lines batch.
  @Query('course')
  course(@Args('id') id: string): Promise<Course | undefined> {
    return isUuid(id) ? this.courseCache.byId(id) : Promise.resolve(undefined);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, { loaders }: Context): Promise<Course | undefined> {
    return loaders.courseById.load(reference.id);
  }
}

/** `first` within 1…50, or a BAD_USER_INPUT naming the bound. */
export function pageSize(first: number): number {
  if (isGraphPageSize(first)) return first;
  throw subgraphError({
    code: 'BAD_USER_INPUT',
    problem: {
      type: problemType('invalid-request'),
      title: 'The request is invalid',
      status: 400,
      detail: `first: must be between 1 and ${MAX_GRAPH_PAGE}`,
    },
  });
}
