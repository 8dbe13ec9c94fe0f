// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Event from checkout: the order is paid and every seat is granted.
 */
export interface OrderCompletedV1 {
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
   * Sum of the lines' prices, in minor units of `currency`; at most 2³¹ − 1 (checkout's orders.total_minor is an INTEGER).
   */
  totalMinor: number;
  /**
   * ISO 4217 currency code of the total, one the runtime knows; every line is in it.
   */
  currency: string;
  /**
   * When the order reached COMPLETED.
   */
  completedAt: string;
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
