/**
 * Trailing metadata a declined Authorize carries next to its
 * FAILED_PRECONDITION status, so a caller can branch without parsing prose.
 */
export const PaymentDeclineTrailers = {
  /** The DeclineReason enum value's name, e.g. `DECLINE_REASON_INSUFFICIENT_FUNDS`. */
  reason: 'shop-decline-reason',
  /** The id of the payment recorded as DECLINED. */
  paymentId: 'shop-payment-id',
} as const;
