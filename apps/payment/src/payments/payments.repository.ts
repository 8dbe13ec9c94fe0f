import type { Payment } from './domain/payment.js';
import type { ProcessorDecision } from './card-processor/card-processor.js';

/** How a caller names one payment: its id, or the idempotency key of its Authorize. */
export type PaymentKey = { readonly paymentId: string } | { readonly idempotencyKey: string };

/** What an Authorize call records before asking the processor. */
export interface PaymentClaim {
  readonly idempotencyKey: string;
  readonly orderId: string;
  readonly learnerId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly requestFingerprint: string;
}

/** Either this call now owns the key (a PENDING row), or another call got there first. */
export type ClaimResult =
  | { readonly kind: 'claimed'; readonly payment: Payment }
  | { readonly kind: 'taken'; readonly payment: Payment };

export interface RefundRequestRecord {
  readonly idempotencyKey: string;
  readonly paymentId: string;
}

export type RefundResult =
  | { readonly kind: 'refunded' | 'replayed'; readonly payment: Payment }
  | { readonly kind: 'not-found' | 'key-reused' }
  | { readonly kind: 'not-refundable'; readonly status: Payment['status'] };

/** Storage of payments and refunds, behind an interface the use cases own. */
export abstract class PaymentsRepository {
  abstract find(key: PaymentKey): Promise<Payment | undefined>;
  /** Inserts a PENDING payment; the unique idempotency key decides who wins a race. */
  abstract claim(claim: PaymentClaim): Promise<ClaimResult>;
  /**
   * Records the processor's decision on a payment still PENDING (fenced: a
   * claim already settled or released is left alone). Returns the payment as
   * it now stands, or undefined if it was released meanwhile.
   */
  abstract settle(paymentId: string, decision: ProcessorDecision): Promise<Payment | undefined>;
  /** Gives up a claim nothing was charged for, so the key may be tried again. */
  abstract release(paymentId: string): Promise<void>;
  /**
   * Takes over a PENDING claim whose lease ran out (last touched before
   * `staleBefore`), renewing its lease; false when it is not stale or another
   * recoverer took it first — one statement decides, so only one recovers it.
   */
  abstract takeOverStale(paymentId: string, staleBefore: Date, now: Date): Promise<boolean>;
  /** PENDING claims last touched before `staleBefore`, oldest first: the recovery sweep's work. */
  abstract stalePending(staleBefore: Date, limit: number): Promise<Payment[]>;
  /** AUTHORIZED → REFUNDED plus a refund row, atomically and once per refund key. */
  abstract refund(request: RefundRequestRecord): Promise<RefundResult>;
}
