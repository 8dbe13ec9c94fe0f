import { Module, type DynamicModule } from '@nestjs/common';
import type { ReadinessCheck } from '@shop/platform';
import type { EnrollmentConfig } from './config.js';
import { GrantSeatConsumer } from './messaging/grant-seat.amqp-consumer.js';
import { SeatEventsRelay } from './outbox/seat-events.relay.js';
import { GrantSeatHandler } from './seats/grant-seat/grant-seat.handler.js';
import type { ServiceLogger } from './service-logger.js';

/** The grant-seat use case, the AMQP consumer that feeds it and the relay that sends its events. */
@Module({})
export class EnrollmentModule {
  static forRoot(config: EnrollmentConfig, logger: ServiceLogger): DynamicModule {
    return {
      module: EnrollmentModule,
      providers: [
        GrantSeatHandler,
        {
          provide: GrantSeatConsumer,
          inject: [GrantSeatHandler],
          useFactory: (handler: GrantSeatHandler) =>
            new GrantSeatConsumer(
              {
                url: config.AMQP_URL,
                prefetch: config.GRANT_SEAT_PREFETCH,
                retry: {
                  maxAttempts: config.GRANT_SEAT_MAX_ATTEMPTS,
                  delaysMs: config.GRANT_SEAT_RETRY_DELAYS_MS,
                },
                reconnectDelayMs: 1000,
              },
              handler,
              logger,
            ),
        },
        {
          provide: SeatEventsRelay,
          useFactory: () =>
            new SeatEventsRelay({
              databaseUrl: config.DATABASE_URL,
              kafkaBrokers: config.KAFKA_BROKERS,
              maxLagMs: config.OUTBOX_MAX_LAG_MS,
              logger,
            }),
        },
      ],
      exports: [GrantSeatConsumer, SeatEventsRelay],
    };
  }
}

/** Readiness of the command queue: connected and consuming. */
export function amqpReadiness(consumer: GrantSeatConsumer): ReadinessCheck {
  return {
    name: 'amqp',
    check: () =>
      consumer.isConsuming()
        ? Promise.resolve()
        : Promise.reject(new Error('not connected to the AMQP broker')),
  };
}
