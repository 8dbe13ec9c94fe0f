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
   * The courses of the order, each once; at most 20 (checkout's MAX_COURSES_PER_ORDER).
   *
   * @minItems 1
   * @maxItems 20
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
   * Price in integer minor units (cents) of `currency`, at most 2³¹ − 1 (a PostgreSQL INTEGER, as checkout and payment store it).
   */
  priceMinor: number;
  /**
   * ISO 4217 currency code, one the runtime knows (an unknown code such as `ZZZ` is refused by parseEvent); the same in every line of an order.
   */
  currency: string;
}
