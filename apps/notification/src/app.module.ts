import { Module, type DynamicModule } from '@nestjs/common';
import { inboxHousekeeping } from '@shop/idempotency';
import { kafkaConsumer, kafkaSasl } from '@shop/messaging';
import { DevFaults, ServiceModule } from '@shop/platform';
import type { NotificationConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { notificationSubgraph } from './graphql/notification-graph.module.js';
import { ReceiptsModule } from './receipts/receipts.module.js';

/** The consumer group notification's instances share. */
export const NOTIFICATION_CONSUMER_GROUP = 'notification';

@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot({
          name: 'notification',
          config,
          database: PrismaClient,
          features: [
            inboxHousekeeping(),
            kafkaConsumer({
              brokers: config.KAFKA_BROKERS,
              sasl: kafkaSasl(config),
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
