import { Module } from '@nestjs/common';
import { SubgraphModule, type SubgraphSettings } from '@shop/subgraph';
import { OrderReceiptGraphqlResolver } from '../receipts/get-receipt/order-receipt.graphql-resolver.js';
import { NotificationLoadersFactory } from '../receipts/get-receipt/receipts.loaders.js';
import { ReceiptsModule } from '../receipts/receipts.module.js';

@Module({
  imports: [ReceiptsModule],
  providers: [NotificationLoadersFactory, OrderReceiptGraphqlResolver],
  exports: [NotificationLoadersFactory],
})
export class NotificationGraphModule {}

/** notification's subgraph (libs/contracts/graphql/notification.graphql) at POST /graphql. */
export const notificationSubgraph = (config: SubgraphSettings) =>
  SubgraphModule.forRoot({
    subgraph: 'notification',
    imports: [NotificationGraphModule],
    loaders: NotificationLoadersFactory,
    config,
  });
