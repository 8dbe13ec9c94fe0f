import { status } from '@grpc/grpc-js';
import { paymentV1 } from '@shop/contracts';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CallPolicy,
  grpcStatusOf,
} from '@shop/resilience';
import type { PaymentGrpcClient } from './payment.grpc-client.js';
import {
  PaymentLookup,
  type PaymentLookupOutcome,
  type PaymentView,
} from './payment-lookup.port.js';

const { PaymentStatus } = paymentV1;

const STATUS_VIEW: Partial<Record<paymentV1.PaymentStatus, PaymentView['status']>> = {
  [PaymentStatus.PAYMENT_STATUS_AUTHORIZED]: 'AUTHORIZED',
  [PaymentStatus.PAYMENT_STATUS_DECLINED]: 'DECLINED',
  [PaymentStatus.PAYMENT_STATUS_REFUNDED]: 'REFUNDED',
};

/** GetPayment over gRPC, behind its own CallPolicy (deadline, retries, breaker, bulkhead). */
export class PaymentLookupGrpcAdapter extends PaymentLookup {
  constructor(
    private readonly client: PaymentGrpcClient,
    private readonly policy: CallPolicy,
  ) {
    super();
  }

  async byId(paymentId: string): Promise<PaymentLookupOutcome> {
    try {
      const { payment } = await this.policy.execute((attempt) =>
        this.client.call('getPayment', { paymentId }, attempt),
      );
      const view = payment && STATUS_VIEW[payment.status];
      if (!payment || !view) return { kind: 'not-found' };
      const { amountMinor = 0, currencyCode = '' } = payment.amount ?? {};
      return {
        kind: 'found',
        payment: {
          id: payment.paymentId,
          status: view,
          amount: { amountMinor, currency: currencyCode },
        },
      };
    } catch (error) {
      if (grpcStatusOf(error) === status.NOT_FOUND) return { kind: 'not-found' };
      const { breakerHalfOpenAfterMs, backoffMaxMs } = this.policy.options;
      if (error instanceof BrokenCircuitError)
        return {
          kind: 'unavailable',
          reason: 'circuit-open',
          retryAfterMs: breakerHalfOpenAfterMs,
        };
      const reason = error instanceof BulkheadRejectedError ? 'bulkhead-full' : 'no-answer';
      return { kind: 'unavailable', reason, retryAfterMs: backoffMaxMs };
    }
  }
}
