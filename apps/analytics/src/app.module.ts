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
import type { AnalyticsConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { AnalyticsSubgraphModule } from './graphql/analytics-graph.module.js';
import { OrdersKafkaConsumer } from './course-stats/orders.kafka-consumer.js';
import { CountOrderEventsHandler } from './course-stats/count-order-events.handler.js';

/** The consumer group analytics' instances share. */
export const ANALYTICS_CONSUMER_GROUP = 'analytics';

@Module({})
export class AppModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'analytics', level: config.LOG_LEVEL })),
        PrismaModule.forRoot(PrismaClient, () =>
          createPrismaClient(PrismaClient, {
            databaseUrl: config.DATABASE_URL,
            poolSize: config.DATABASE_POOL_SIZE,
          }),
        ),
        // Handled message ids are forgotten after 30 days (libs/idempotency).
        InboxModule.forRoot({ database: PrismaClient }),
        MessagingModule.forRoot(),
        AnalyticsSubgraphModule,
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
      providers: [CountOrderEventsHandler],
    };
  }
}
