import { Module, type DynamicModule } from '@nestjs/common';
import { IdempotencyModule, inboxHousekeeping } from '@shop/idempotency';
import { isTransientError, kafkaConsumer, kafkaConsumerTiming, kafkaSasl } from '@shop/messaging';
import { outboxRelay } from '@shop/outbox';
import { ServiceModule } from '@shop/platform';
import { CatalogModule } from './catalog/catalog.module.js';
import type { CheckoutConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { checkoutSubgraph } from './graphql/checkout-graph.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { PaymentUnavailableError } from './orders/domain/order.errors.js';
import { OrderTimelineModule } from './orders/order-timeline/order-timeline.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { OrderRecoveryModule } from './orders/resolve-stuck-orders/order-recovery.module.js';
import { PaymentsModule } from './payments/payments.module.js';

/** The adapters a test may replace, e.g. payment with a scripted fake (a global module providing `Payments`). */
export interface AppAdapters {
  readonly payments?: DynamicModule;
  /** Where `Order.timeline` reads spans (default: from the config). */
  readonly timelines?: DynamicModule;
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
        ServiceModule.forRoot({
          name: 'checkout',
          config,
          database: PrismaClient,
          features: [
            inboxHousekeeping(),
            outboxRelay({
              service: 'checkout',
              config,
              kafkaBrokers: config.KAFKA_BROKERS,
              kafkaSasl: kafkaSasl(config),
              amqpUrl: config.AMQP_URL,
            }),
            kafkaConsumer({
              brokers: config.KAFKA_BROKERS,
              sasl: kafkaSasl(config),
              ...kafkaConsumerTiming(config),
              groupId: CHECKOUT_CONSUMER_GROUP,
              retry: { isTransient },
            }),
          ],
        }),
        IdempotencyModule.forRoot({
          database: PrismaClient,
          inFlightLeaseMs: config.IDEMPOTENCY_LEASE_MS,
          retryAfterSeconds: config.IDEMPOTENCY_RETRY_AFTER_SECONDS,
        }),
        IdentityModule.forRoot(config),
        adapters.payments ?? PaymentsModule.forRoot(config),
        CatalogModule,
        OrdersModule,
        OrderRecoveryModule.forRoot({
          paymentDeadlineMs: config.ORDER_PAYMENT_DEADLINE_MS,
          enrollmentDeadlineMs: config.ORDER_ENROLLMENT_DEADLINE_MS,
          sweepIntervalMs: config.ORDER_SWEEP_INTERVAL_MS,
          // Room for a GetPayment and a Refund, each within its call budget.
          transactionTimeoutMs: 2 * config.PAYMENT_CALL_BUDGET_MS + 5_000,
        }),
        adapters.timelines ?? OrderTimelineModule.forRoot(config),
        checkoutSubgraph(config),
      ],
    };
  }
}
