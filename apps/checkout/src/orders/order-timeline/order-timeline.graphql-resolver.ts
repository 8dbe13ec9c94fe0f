import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { PurchaseTimeline } from '@shop/purchase-timeline';
import type { OrderView } from '../order.view.js';
import { OrderTimelines } from './order-timelines.js';

/** `Order.timeline`: only on an order the graph already showed its learner (`order`, `myOrders`, entities). */
@Resolver('Order')
export class OrderTimelineGraphqlResolver {
  constructor(private readonly timelines: OrderTimelines) {}

  @ResolveField('timeline')
  timeline(@Parent() order: OrderView): Promise<PurchaseTimeline | null> {
    return this.timelines.of(order);
  }
}
