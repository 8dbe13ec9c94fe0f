import { Module } from '@nestjs/common';
import { SubgraphModule } from '@shop/subgraph';
import { OrderReceiptGraphqlResolver } from './order-receipt.graphql-resolver.js';
import { NotificationLoadersFactory } from './receipts.loaders.js';

@Module({
  providers: [NotificationLoadersFactory, OrderReceiptGraphqlResolver],
  exports: [NotificationLoadersFactory],
})
export class NotificationGraphModule {}

/** notification's subgraph (libs/contracts/graphql/notification.graphql) at POST /graphql. */
export const NotificationSubgraphModule = SubgraphModule.forRoot({
  subgraph: 'notification',
  imports: [NotificationGraphModule],
  loaders: NotificationLoadersFactory,
});
