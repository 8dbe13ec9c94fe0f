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
   * The courses of the order.
   *
   * @minItems 1
   */
  lines: OrderLine[];
  /**
   * Sum of the lines' prices, in minor units of `currency`.
   */
  totalMinor: number;
  /**
   * ISO 4217 currency code of the total.
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
   * Price in integer minor units (cents) of `currency`.
   */
  priceMinor: number;
  /**
   * ISO 4217 currency code.
   */
  currency: string;
}
