import { Module, type DynamicModule } from '@nestjs/common';
import { inboxHousekeeping } from '@shop/idempotency';
import { kafkaConsumer, kafkaConsumerTiming, kafkaSasl } from '@shop/messaging';
import { DevFaults, ServiceModule, type ServiceModuleOptions } from '@shop/platform';
import type { NotificationConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { notificationSubgraph } from './graphql/notification-graph.module.js';
import { ReceiptsModule } from './receipts/receipts.module.js';

/** The consumer group notification's instances share. */
export const NOTIFICATION_CONSUMER_GROUP = 'notification';

/** What a test may change: where the log lines go (stdout otherwise). */
export type AppModuleOptions = Pick<ServiceModuleOptions, 'logDestination'>;

@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot({
          name: 'notification',
          config,
          ...options,
          database: PrismaClient,
          features: [
            inboxHousekeeping(),
            kafkaConsumer({
              brokers: config.KAFKA_BROKERS,
              sasl: kafkaSasl(config),
              ...kafkaConsumerTiming(config),
              groupId: NOTIFICATION_CONSUMER_GROUP,
              faults: new DevFaults(config.DEV_FAULTS_FILE),
            }),
          ],
        }),
        ReceiptsModule,
        notificationSubgraph(config),
      ],
    };
  }
}
