import { Module, type DynamicModule } from '@nestjs/common';
import { inboxHousekeeping } from '@shop/idempotency';
import { kafkaSasl } from '@shop/messaging';
import { outboxRelay } from '@shop/outbox';
import { ServiceModule } from '@shop/platform';
import type { EnrollmentConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { enrollmentSubgraph } from './graphql/enrollment-graph.module.js';
import { grantSeatCommands } from './messaging/grant-seat-commands.feature.js';
import { SeatsModule } from './seats/seats.module.js';

@Module({})
export class AppModule {
  static forRoot(config: EnrollmentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot({
          name: 'enrollment',
          config,
          database: PrismaClient,
          features: [
            inboxHousekeeping(),
            outboxRelay({
              service: 'enrollment',
              config,
              kafkaBrokers: config.KAFKA_BROKERS,
              kafkaSasl: kafkaSasl(config),
            }),
            grantSeatCommands(config),
          ],
        }),
        SeatsModule,
        enrollmentSubgraph(config),
      ],
    };
  }
}
