import type { paymentV1 } from '@shop/contracts';

/** What checkout asks payment to authorize for one order attempt. */
export interface PaymentOrder {
  readonly orderId: string;
  readonly learnerId: string;
  /** One per order attempt, kept with the order: it is how an uncertain outcome is resolved. */
  readonly idempotencyKey: string;
  readonly amount: { readonly amountMinor: number; readonly currency: string };
  readonly cardToken: string;
}

export type DeclineReasonName = keyof typeof paymentV1.DeclineReason;

/** Why payment could not give an answer now; the order stays PENDING_PAYMENT. */
export type UnavailableReason =
  | 'circuit-open' // payment failed repeatedly; we are not calling it for a while
  | 'bulkhead-full' // too many payment calls in flight from this instance
  | 'not-charged' // payment was asked and is sure nothing was charged
  | 'outcome-unknown'; // payment may have charged; the same key resolves it later

export type AuthorizeOutcome =
  | { readonly kind: 'authorized'; readonly paymentId: string }
  | { readonly kind: 'declined'; readonly paymentId: string; readonly reason: DeclineReasonName }
  | {
      readonly kind: 'unavailable';
      readonly reason: UnavailableReason;
      readonly retryAfterMs: number;
    };

export type RefundOutcome =
  | { readonly kind: 'refunded'; readonly paymentId: string }
  | { readonly kind: 'not-refundable'; readonly paymentId: string }
  | {
      readonly kind: 'unavailable';
      readonly reason: UnavailableReason;
      readonly retryAfterMs: number;
    };

export interface RefundRequest {
  readonly paymentId: string;
  /** One per intended refund; retrying with it never refunds twice. */
  readonly idempotencyKey: string;
  readonly reason:
    'COURSE_FULL' | 'REQUESTED_BY_LEARNER' | 'PAYMENT_OUTCOME_TIMEOUT' | 'ENROLLMENT_TIMEOUT';
}

/**
 * Payment as the order use cases see it: three answers, never an exception
 * for a decline or an outage. A programming error (INVALID_ARGUMENT, a key
 * reused for another request) still throws.
 */
export abstract class Payments {
  abstract authorize(order: PaymentOrder): Promise<AuthorizeOutcome>;
  abstract refund(request: RefundRequest): Promise<RefundOutcome>;
  /**
   * What became of the Authorize sent with this key (GetPayment by key), never
   * charging: authorized, declined, or unavailable with `not-charged` (payment
   * has no such charge) or `outcome-unknown` (still being decided, or no answer).
   */
  abstract outcomeOf(authorizeKey: string): Promise<AuthorizeOutcome>;
}
