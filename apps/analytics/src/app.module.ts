import { Module, type DynamicModule } from '@nestjs/common';
import { inboxHousekeeping } from '@shop/idempotency';
import { kafkaConsumer, kafkaConsumerTiming, kafkaSasl } from '@shop/messaging';
import { DevFaults, ServiceModule } from '@shop/platform';
import type { AnalyticsConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { analyticsSubgraph } from './graphql/analytics-graph.module.js';
import { CourseStatsModule } from './course-stats/course-stats.module.js';

/** The consumer group analytics' instances share. */
export const ANALYTICS_CONSUMER_GROUP = 'analytics';

@Module({})
export class AppModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot({
          name: 'analytics',
          config,
          database: PrismaClient,
          features: [
            inboxHousekeeping(),
            kafkaConsumer({
              brokers: config.KAFKA_BROKERS,
              sasl: kafkaSasl(config),
              ...kafkaConsumerTiming(config),
              groupId: ANALYTICS_CONSUMER_GROUP,
              faults: new DevFaults(config.DEV_FAULTS_FILE),
            }),
          ],
        }),
        CourseStatsModule,
        analyticsSubgraph(config),
      ],
    };
  }
}
