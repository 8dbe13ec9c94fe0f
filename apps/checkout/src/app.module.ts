import { Module, type DynamicModule } from '@nestjs/common';
import { createPrismaClient } from '@shop/database';
import { IdempotencyModule, InboxModule } from '@shop/idempotency';
import { isTransientError, KafkaConsumerState, MessagingModule } from '@shop/messaging';
import type { OutboxRelay } from '@shop/outbox';
import {
  createLogger,
  databaseReadiness,
  HealthModule,
  LoggingModule,
  PrismaModule,
} from '@shop/platform';
import { CatalogModule } from './catalog/catalog.module.js';
import type { CheckoutConfig } from './config.js';
import { CheckoutSubgraphModule } from './graphql/checkout-graph.module.js';
import { PaymentUnavailableError } from './orders/domain/order.errors.js';
import { OrdersModule } from './orders/orders.module.js';
import { OUTBOX_RELAY, outboxReadiness, OutboxRelayModule } from './outbox/outbox-relay.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { PrismaClient } from './generated/prisma/client.js';

/** The adapters a test may replace, e.g. payment with a scripted fake (a global module providing `Payments`). */
export interface AppAdapters {
  readonly payments?: DynamicModule;
}

/** The consumer group checkout's instances share. */
export const CHECKOUT_CONSUMER_GROUP = 'checkout';

// Payment being unavailable (a refund during compensation) is an outage, not a
// poison message: the event waits and is retried until payment answers.
const isTransient = (error: unknown) =>
  isTransientError(error) || error instanceof PaymentUnavailableError;

@Module({})
export class AppModule {
  static forRoot(config: CheckoutConfig, adapters: AppAdapters = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'checkout', level: config.LOG_LEVEL })),
        PrismaModule.forRoot(PrismaClient, () =>
          createPrismaClient(PrismaClient, {
            databaseUrl: config.DATABASE_URL,
            poolSize: config.DATABASE_POOL_SIZE,
          }),
        ),
        // Handled message ids are forgotten after 30 days (libs/idempotency).
        InboxModule.forRoot({ database: PrismaClient }),
        IdempotencyModule.forRoot({ database: PrismaClient }),
        OutboxRelayModule.forRoot(config),
        MessagingModule.forRoot({ isTransient }),
        HealthModule.forRoot({
          drainMs: config.SHUTDOWN_DRAIN_MS,
          inject: [PrismaClient, OUTBOX_RELAY, KafkaConsumerState],
          checks: (
            database: PrismaClient,
            relay: OutboxRelay | null,
            kafka: KafkaConsumerState,
          ) => [
            databaseReadiness(database),
            outboxReadiness(relay, config.OUTBOX_READY_MAX_LAG_MS),
            kafka.readiness(),
          ],
        }),
        adapters.payments ?? PaymentsModule.forRoot(config),
        CatalogModule,
        OrdersModule,
        CheckoutSubgraphModule,
      ],
    };
  }
}
