import { Module, type DynamicModule } from '@nestjs/common';
import { v5 as uuidV5 } from 'uuid';
import {
  PaymentLookup,
  type PaymentLookupOutcome,
  type PaymentView,
} from '../../src/payments/payment-lookup.port.js';
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
 * `down` makes every call unavailable. It answers GetPayment lookups too.
 */
export class FakePayments extends Payments implements PaymentLookup {
  readonly authorizeCalls: PaymentOrder[] = [];
  readonly refundCalls: RefundRequest[] = [];
  readonly lookupCalls: string[] = [];
  readonly payments = new Map<string, PaymentView>();
  authorizeDown = false;
  refundDown = false;
  lookupDown = false;
  /** Held before answering Authorize, to keep requests in flight. */
  authorizeDelayMs = 0;
  private authorizeGate: Promise<void> = Promise.resolve();

  /** Holds every Authorize until the returned function is called (a request kept in flight). */
  holdAuthorize(): () => void {
    const { promise, resolve } = Promise.withResolvers<undefined>();
    this.authorizeGate = promise;
    return () => {
      resolve(undefined);
    };
  }

  async authorize(order: PaymentOrder): Promise<AuthorizeOutcome> {
    this.authorizeCalls.push(order);
    if (this.authorizeDelayMs > 0) await new Promise((r) => setTimeout(r, this.authorizeDelayMs));
    await this.authorizeGate;
    if (this.authorizeDown)
      return { kind: 'unavailable', reason: 'circuit-open', retryAfterMs: 5_000 };
    const paymentId = uuidV5(order.idempotencyKey, PAYMENT_IDS);
    const declined = order.cardToken === 'tok_declined';
    this.payments.set(paymentId, {
      id: paymentId,
      status: declined ? 'DECLINED' : 'AUTHORIZED',
      amount: order.amount,
    });
    if (declined) {
      return { kind: 'declined', paymentId, reason: 'DECLINE_REASON_INSUFFICIENT_FUNDS' };
    }
    return { kind: 'authorized', paymentId };
  }

  byId(paymentId: string): Promise<PaymentLookupOutcome> {
    this.lookupCalls.push(paymentId);
    if (this.lookupDown) {
      return Promise.resolve({ kind: 'unavailable', reason: 'circuit-open', retryAfterMs: 5_000 });
    }
    const payment = this.payments.get(paymentId);
    return Promise.resolve(payment ? { kind: 'found', payment } : { kind: 'not-found' });
  }

  /** What `outcomeOf` answers for a key no Authorize reached, e.g. `outcome-unknown` while "in progress". */
  unknownKeyOutcome: 'not-charged' | 'outcome-unknown' = 'not-charged';

  outcomeOf(authorizeKey: string): Promise<AuthorizeOutcome> {
    this.lookupCalls.push(authorizeKey);
    const paymentId = uuidV5(authorizeKey, PAYMENT_IDS);
    const payment = this.lookupDown ? undefined : this.payments.get(paymentId);
    if (payment?.status === 'DECLINED') {
      return Promise.resolve({
        kind: 'declined',
        paymentId,
        reason: 'DECLINE_REASON_INSUFFICIENT_FUNDS',
      });
    }
    if (payment) return Promise.resolve({ kind: 'authorized', paymentId });
    const reason = this.lookupDown ? 'outcome-unknown' : this.unknownKeyOutcome;
    return Promise.resolve({ kind: 'unavailable', reason, retryAfterMs: 1_000 });
  }

  /** Charges as if an Authorize with this key had reached payment, without checkout knowing. */
  chargeBehindCheckout(authorizeKey: string, amount: PaymentView['amount']): string {
    const paymentId = uuidV5(authorizeKey, PAYMENT_IDS);
    this.payments.set(paymentId, { id: paymentId, status: 'AUTHORIZED', amount });
    return paymentId;
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

/** A global module that provides `fake` as checkout's `Payments` and `PaymentLookup`. */
export function fakePaymentsModule(fake: FakePayments): DynamicModule {
  @Module({})
  class FakePaymentsModule {}
  return {
    module: FakePaymentsModule,
    global: true,
    providers: [
      { provide: Payments, useValue: fake },
      { provide: PaymentLookup, useValue: fake },
    ],
    exports: [Payments, PaymentLookup],
  };
}
