import { Module } from '@nestjs/common';
import { SubgraphModule, type SubgraphSettings } from '@shop/subgraph';
import { CatalogModule } from '../catalog/catalog.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { CheckoutLoadersFactory } from './checkout.loaders.js';
import { CoursesGraphqlResolver } from '../catalog/list-courses/courses.graphql-resolver.js';
import { OrderLinesGraphqlResolver } from '../orders/get-order/order-lines.graphql-resolver.js';
import { OrdersGraphqlResolver } from '../orders/get-order/orders.graphql-resolver.js';
import { OrderTimelineGraphqlResolver } from '../orders/order-timeline/order-timeline.graphql-resolver.js';
import { PlaceOrderGraphqlResolver } from '../orders/place-order/place-order.graphql-resolver.js';

/** checkout's resolvers and loaders. Needs `Payments`/`PaymentLookup`, the idempotency store and `OrderTimelines`. */
@Module({
  imports: [CatalogModule, OrdersModule],
  providers: [
    CheckoutLoadersFactory,
    CoursesGraphqlResolver,
    OrdersGraphqlResolver,
    OrderLinesGraphqlResolver,
    OrderTimelineGraphqlResolver,
    PlaceOrderGraphqlResolver,
  ],
  exports: [CheckoutLoadersFactory],
})
export class CheckoutGraphModule {}

/** checkout's subgraph (libs/contracts/graphql/checkout.graphql) at POST /graphql. */
export const checkoutSubgraph = (config: SubgraphSettings) =>
  SubgraphModule.forRoot({
    subgraph: 'checkout',
    imports: [CheckoutGraphModule],
    loaders: CheckoutLoadersFactory,
    config,
  });
