import { Module, type DynamicModule } from '@nestjs/common';
import { createPrismaClient } from '@shop/database';
import { InboxModule } from '@shop/idempotency';
import {
  createLogger,
  databaseReadiness,
  HealthModule,
  LoggingModule,
  PrismaModule,
} from '@shop/platform';
import type { EnrollmentConfig } from './config.js';
import { amqpReadiness, EnrollmentModule } from './enrollment.module.js';
import { PrismaClient } from './generated/prisma/client.js';
import { EnrollmentSubgraphModule } from './graphql/enrollment-graph.module.js';
import { GrantSeatConsumer } from './messaging/grant-seat.amqp-consumer.js';
import { SeatEventsRelay } from './outbox/seat-events.relay.js';

@Module({})
export class AppModule {
  static forRoot(config: EnrollmentConfig): DynamicModule {
    const logger = createLogger({ service: 'enrollment', level: config.LOG_LEVEL });
    // One module object, imported twice: Nest instantiates it once.
    const enrollment = EnrollmentModule.forRoot(config, logger);
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(logger),
        PrismaModule.forRoot(PrismaClient, () =>
          createPrismaClient(PrismaClient, {
            databaseUrl: config.DATABASE_URL,
            poolSize: config.DATABASE_POOL_SIZE,
          }),
        ),
        // Handled message ids are forgotten after 30 days (libs/idempotency).
        InboxModule.forRoot({ database: PrismaClient }),
        enrollment,
        EnrollmentSubgraphModule,
        HealthModule.forRoot({
          drainMs: config.SHUTDOWN_DRAIN_MS,
          imports: [enrollment],
          inject: [PrismaClient, GrantSeatConsumer, SeatEventsRelay],
          checks: (database: PrismaClient, consumer: GrantSeatConsumer, relay: SeatEventsRelay) => [
            databaseReadiness(database),
            amqpReadiness(consumer),
            relay.readiness(),
          ],
        }),
      ],
    };
  }
}
