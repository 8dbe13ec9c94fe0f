/** How long an order may wait in an intermediate state, and how often that is checked. */
export interface OrderDeadlines {
  /** An order still PENDING_PAYMENT this long after it was placed is resolved by the sweep. */
  readonly paymentDeadlineMs: number;
  /** An order still ENROLLING this long after enrollment was asked gets one cancel-grant command. */
  readonly enrollmentDeadlineMs: number;
  /** How often the sweep looks for such orders (and for late charges to refund). */
  readonly sweepIntervalMs: number;
  /** Longest a sweep's transaction may stay open while it asks payment. */
  readonly transactionTimeoutMs: number;
  /** The clock; tests may move it. */
  readonly now?: () => Date;
}

export const ORDER_DEADLINES = Symbol('ORDER_DEADLINES');

/** Sensible values when nothing is configured (unit tests). */
export const defaultOrderDeadlines: OrderDeadlines = {
  paymentDeadlineMs: 60_000,
  enrollmentDeadlineMs: 300_000,
  sweepIntervalMs: 10_000,
  transactionTimeoutMs: 15_000,
};
