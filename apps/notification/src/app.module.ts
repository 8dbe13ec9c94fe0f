import { Module, type DynamicModule } from '@nestjs/common';
import { createPrismaClient } from '@shop/database';
import { InboxModule } from '@shop/idempotency';
import { KafkaConsumerState, MessagingModule } from '@shop/messaging';
import {
  createLogger,
  databaseReadiness,
  HealthModule,
  LoggingModule,
  PrismaModule,
} from '@shop/platform';
import type { NotificationConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { NotificationSubgraphModule } from './graphql/notification-graph.module.js';
import { OrdersKafkaConsumer } from './receipts/orders.kafka-consumer.js';
import { SendReceiptHandler } from './receipts/send-receipt/send-receipt.handler.js';

/** The consumer group notification's instances share. */
export const NOTIFICATION_CONSUMER_GROUP = 'notification';

@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'notification', level: config.LOG_LEVEL })),
        PrismaModule.forRoot(PrismaClient, () =>
          createPrismaClient(PrismaClient, {
            databaseUrl: config.DATABASE_URL,
            poolSize: config.DATABASE_POOL_SIZE,
          }),
        ),
        // Handled message ids are forgotten after 30 days (libs/idempotency).
        InboxModule.forRoot({ database: PrismaClient }),
        MessagingModule.forRoot(),
        NotificationSubgraphModule,
        HealthModule.forRoot({
          drainMs: config.SHUTDOWN_DRAIN_MS,
          inject: [PrismaClient, KafkaConsumerState],
          checks: (database: PrismaClient, kafka: KafkaConsumerState) => [
            databaseReadiness(database),
            kafka.readiness(),
          ],
        }),
      ],
      controllers: [OrdersKafkaConsumer],
      providers: [SendReceiptHandler],
    };
  }
}
