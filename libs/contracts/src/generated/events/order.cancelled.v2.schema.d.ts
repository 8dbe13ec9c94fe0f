// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Event from checkout: a paid order was cancelled and its payment refunded — seats rejected by enrollment, enrollment past its deadline, or a charge that arrived after the payment deadline. Supersedes order.cancelled.v1 (whose reason cannot say the two timeouts and whose refundId is optional); an order cancelled with nothing charged publishes no cancellation.
 */
export interface OrderCancelledV2 {
  /**
   * The order.
   */
  orderId: string;
  /**
   * Who bought.
   */
  learnerId: string;
  /**
   * The courses of the order, each once; at most 20 (checkout's MAX_COURSES_PER_ORDER).
   *
   * @minItems 1
   * @maxItems 20
   */
  lines: OrderLine[];
  /**
   * Why the order was cancelled: COURSE_FULL or UNKNOWN_COURSE, enrollment rejected the seats; ENROLLMENT_TIMEOUT, enrollment did not answer before the order's enrollment deadline and cancelled the grant; PAYMENT_OUTCOME_TIMEOUT, payment's outcome was unknown past the payment deadline and the charge found afterwards was refunded.
   */
  reason: 'COURSE_FULL' | 'UNKNOWN_COURSE' | 'ENROLLMENT_TIMEOUT' | 'PAYMENT_OUTCOME_TIMEOUT';
  /**
   * The payment service's refund of the order's payment; every v2 cancellation gave money back.
   */
  refundId: string;
  /**
   * When the order reached CANCELLED (for a charge refunded after the cancellation, still the cancellation's time).
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
   * Price in integer minor units (cents) of `currency`, at most 2³¹ − 1 (a PostgreSQL INTEGER, as checkout and payment store it).
   */
  priceMinor: number;
  /**
   * ISO 4217 currency code, one the runtime knows (an unknown code such as `ZZZ` is refused by parseEvent); the same in every line of an order.
   */
  currency: string;
}
