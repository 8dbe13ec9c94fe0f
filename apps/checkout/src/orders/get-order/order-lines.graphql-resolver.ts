import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { SubgraphContext } from '@shop/subgraph';
import type { Course } from '../../catalog/domain/course.js';
import type { OrderView } from '../order.view.js';
import type { CheckoutLoaders } from '../../graphql/checkout.loaders.js';

type OrderLineView = OrderView['lines'][number];

/** An order line shows its course from the catalog: one query for every line of every order listed. */
@Resolver('OrderLine')
export class OrderLinesGraphqlResolver {
  @ResolveField('course')
  course(
    @Parent() line: OrderLineView,
    @Context() { loaders }: SubgraphContext<CheckoutLoaders>,
  ): Promise<Course | undefined> {
    return loaders.courseById.load(line.courseId);
  }
}
