import { Module, type DynamicModule } from '@nestjs/common';
import { paymentEdge, SignedTokens } from '@shop/identity';
import { CallPolicy } from '@shop/resilience';
import type { CheckoutConfig } from '../config.js';
import { PaymentsGrpcAdapter } from './payments.grpc-adapter.js';
import { PaymentLookupGrpcAdapter } from './payment-lookup.grpc-adapter.js';
import { PaymentLookup } from './payment-lookup.port.js';
import { PaymentGrpcClient } from './payment.grpc-client.js';
import { Payments } from './payments.port.js';

/**
 * The policy knobs of checkout's config, as a CallPolicy for payment;
 * `dependency` names it in metrics (`shop_dependency`).
 */
export function paymentCallPolicy(config: CheckoutConfig, dependency = 'payment'): CallPolicy {
  return new CallPolicy({
    dependency,
    attemptTimeoutMs: config.PAYMENT_ATTEMPT_TIMEOUT_MS,
    callBudgetMs: config.PAYMENT_CALL_BUDGET_MS,
    maxRetries: config.PAYMENT_MAX_RETRIES,
    backoffInitialMs: config.PAYMENT_BACKOFF_INITIAL_MS,
    backoffMaxMs: config.PAYMENT_BACKOFF_MAX_MS,
    retryBudget: {
      ratio: config.PAYMENT_RETRY_BUDGET_PERCENT / 100,
      minRetriesPerWindow: config.PAYMENT_RETRY_BUDGET_MIN_RETRIES,
      windowMs: 10_000,
    },
    breakerConsecutiveFailures: config.PAYMENT_BREAKER_FAILURES,
    breakerHalfOpenAfterMs: config.PAYMENT_BREAKER_HALF_OPEN_AFTER_MS,
    bulkheadLimit: config.PAYMENT_BULKHEAD_LIMIT,
    bulkheadQueue: config.PAYMENT_BULKHEAD_QUEUE,
  });
}

@Module({})
export class PaymentsModule {
  static forRoot(config: CheckoutConfig): DynamicModule {
    return {
      module: PaymentsModule,
      // Global: the orders use cases depend on the port; tests swap in another module.
      global: true,
      providers: [
        {
          provide: PaymentGrpcClient,
          useFactory: () =>
            new PaymentGrpcClient(config.PAYMENT_GRPC_URL, {
              tokens: new SignedTokens({ secret: config.PAYMENT_TOKEN_SECRET, ...paymentEdge }),
            }),
        },
        {
          provide: Payments,
          inject: [PaymentGrpcClient],
          useFactory: (client: PaymentGrpcClient) =>
            new PaymentsGrpcAdapter(client, paymentCallPolicy(config)),
        },
        {
          provide: PaymentLookup,
          inject: [PaymentGrpcClient],
          // Its own policy: reads for the graph never take the slots of Authorize.
          useFactory: (client: PaymentGrpcClient) =>
            new PaymentLookupGrpcAdapter(client, paymentCallPolicy(config, 'payment-lookup')),
        },
      ],
      exports: [Payments, PaymentLookup],
    };
  }
}
