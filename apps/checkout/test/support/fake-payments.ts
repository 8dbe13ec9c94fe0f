import { Module, type DynamicModule } from '@nestjs/common';
import { v5 as uuidV5 } from 'uuid';
import {
  Payments,
  type AuthorizeOutcome,
  type PaymentOrder,
  type RefundOutcome,
  type RefundRequest,
} from '../../src/payments/payments.port.js';

const PAYMENT_IDS = '5b7f0c1e-8d2a-4f6b-9c3e-1a2b3c4d5e6f';

/**
 * Payment as a test scripts it, idempotent by key like the real one: the same
 * Authorize key always gets the same payment id. `tok_declined` is declined;
 * `down` makes every call unavailable.
 */
export class FakePayments extends Payments {
  readonly authorizeCalls: PaymentOrder[] = [];
  readonly refundCalls: RefundRequest[] = [];
  authorizeDown = false;
  refundDown = false;
  /** Held before answering Authorize, to keep requests in flight. */
  authorizeDelayMs = 0;

  async authorize(order: PaymentOrder): Promise<AuthorizeOutcome> {
    this.authorizeCalls.push(order);
    if (this.authorizeDelayMs > 0) await new Promise((r) => setTimeout(r, this.authorizeDelayMs));
    if (this.authorizeDown)
      return { kind: 'unavailable', reason: 'circuit-open', retryAfterMs: 5_000 };
    const paymentId = uuidV5(order.idempotencyKey, PAYMENT_IDS);
    if (order.cardToken === 'tok_declined') {
      return { kind: 'declined', paymentId, reason: 'DECLINE_REASON_INSUFFICIENT_FUNDS' };
    }
    return { kind: 'authorized', paymentId };
  }

  refund(request: RefundRequest): Promise<RefundOutcome> {
    this.refundCalls.push(request);
    if (this.refundDown) {
      return Promise.resolve({
        kind: 'unavailable',
        reason: 'outcome-unknown',
        retryAfterMs: 1_000,
      });
    }
    return Promise.resolve({ kind: 'refunded', paymentId: request.paymentId });
  }
}

/** A global module that provides `fake` as checkout's `Payments`. */
export function fakePaymentsModule(fake: FakePayments): DynamicModule {
  @Module({})
  class FakePaymentsModule {}
  return {
    module: FakePaymentsModule,
    global: true,
    providers: [{ provide: Payments, useValue: fake }],
    exports: [Payments],
  };
}
