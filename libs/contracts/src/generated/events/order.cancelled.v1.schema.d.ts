// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Event from checkout: the order was cancelled after payment (compensation), and refunded if money was taken.
 */
export interface OrderCancelledV1 {
  /**
   * The order.
   */
  orderId: string;
  /**
   * Who bought.
   */
  learnerId: string;
  /**
   * The courses of the order.
   *
   * @minItems 1
   */
  lines: OrderLine[];
  /**
   * Why the order was cancelled.
   */
  reason: 'COURSE_FULL' | 'UNKNOWN_COURSE';
  /**
   * The payment service's refund, when money was refunded.
   */
  refundId?: string;
  /**
   * When the order reached CANCELLED.
   */
  cancelledAt: string;
}
/**
 * One course in the order, at the price it was sold for.
 */
export interface OrderLine {
  /**
   * The course bought.
   */
  courseId: string;
  /**
   * Price in integer minor units (cents) of `currency`.
   */
  priceMinor: number;
  /**
   * ISO 4217 currency code.
   */
  currency: string;
}
