import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { unauthenticated, type SubgraphContext } from '@shop/subgraph';
import type { EnrollmentLoaders, EnrollmentView, SeatsView } from './enrollment.loaders.js';

type Context = SubgraphContext<EnrollmentLoaders>;

/** Course.seats: enrollment owns the real count (checkout's capacityHint only advertises). */
@Resolver('Course')
export class CourseSeatsGraphqlResolver {
  @ResolveField('seats')
  seats(
    @Parent() course: { id: string },
    @Context() { loaders }: Context,
  ): Promise<SeatsView | undefined> {
    return loaders.seatsByCourseId.load(course.id);
  }
}

/** Order.enrollments: the seats granted for an order, to the learner who placed it. */
@Resolver('Order')
export class OrderEnrollmentsGraphqlResolver {
  @ResolveField('enrollments')
  enrollments(
    @Parent() order: { id: string },
    @Context() { loaders }: Context,
  ): Promise<EnrollmentView[]> {
    if (loaders.enrollmentsByOrderId === undefined) throw unauthenticated();
    return loaders.enrollmentsByOrderId.load(order.id);
  }
}

/** An enrollment's course is checkout's entity: a reference the gateway completes there. */
@Resolver('Enrollment')
export class EnrollmentGraphqlResolver {
  @ResolveField('course')
  course(@Parent() enrollment: EnrollmentView): { __typename: 'Course'; id: string } {
    return { __typename: 'Course', id: enrollment.courseId };
  }
}
