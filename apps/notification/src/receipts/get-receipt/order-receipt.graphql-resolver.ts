import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { unauthenticated, type SubgraphContext } from '@shop/subgraph';
import type { NotificationLoaders, ReceiptView } from './receipts.loaders.js';

/** Order.receipt: the receipt sent for an order, shown to the learner who placed it. */
@Resolver('Order')
export class OrderReceiptGraphqlResolver {
  @ResolveField('receipt')
  receipt(
    @Parent() order: { id: string },
    @Context() { loaders }: SubgraphContext<NotificationLoaders>,
  ): Promise<ReceiptView | undefined> {
    if (loaders.receiptByOrderId === undefined) throw unauthenticated();
    return loaders.receiptByOrderId.load(order.id);
  }
}
