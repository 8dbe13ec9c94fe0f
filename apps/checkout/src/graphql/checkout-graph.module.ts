import { Module } from '@nestjs/common';
import { SubgraphModule } from '@shop/subgraph';
import { CatalogModule } from '../catalog/catalog.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { CheckoutLoadersFactory } from './checkout.loaders.js';
import { CoursesGraphqlResolver } from './courses.graphql-resolver.js';
import { OrderLinesGraphqlResolver } from './order-lines.graphql-resolver.js';
import { OrderReads } from './order-reads.js';
import { OrdersGraphqlResolver } from './orders.graphql-resolver.js';
import { PlaceOrderGraphqlResolver } from './place-order.graphql-resolver.js';

/** checkout's resolvers and loaders. Needs `Payments`/`PaymentLookup` and the idempotency store. */
@Module({
  imports: [CatalogModule, OrdersModule],
  providers: [
    CheckoutLoadersFactory,
    OrderReads,
    CoursesGraphqlResolver,
    OrdersGraphqlResolver,
    OrderLinesGraphqlResolver,
    PlaceOrderGraphqlResolver,
  ],
  exports: [CheckoutLoadersFactory],
})
export class CheckoutGraphModule {}

/** checkout's subgraph (libs/contracts/graphql/checkout.graphql) at POST /graphql. */
export const CheckoutSubgraphModule = SubgraphModule.forRoot({
  subgraph: 'checkout',
  imports: [CheckoutGraphModule],
  loaders: CheckoutLoadersFactory,
});
