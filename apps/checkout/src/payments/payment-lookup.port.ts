/** A payment as checkout shows it on an order. */
export interface PaymentView {
  readonly id: string;
  readonly status: 'AUTHORIZED' | 'DECLINED' | 'REFUNDED';
  readonly amount: { readonly amountMinor: number; readonly currency: string };
}

export type PaymentLookupOutcome =
  | { readonly kind: 'found'; readonly payment: PaymentView }
  | { readonly kind: 'not-found' }
  | {
      readonly kind: 'unavailable';
      readonly reason: 'circuit-open' | 'bulkhead-full' | 'no-answer';
      readonly retryAfterMs: number;
    };

/**
 * Reading a payment (GetPayment by id), for showing an order. A port of its
 * own: reads run under their own call policy, so a page of orders cannot use
 * up the bulkhead slots that placing an order needs.
 */
export abstract class PaymentLookup {
  abstract byId(paymentId: string): Promise<PaymentLookupOutcome>;
}
