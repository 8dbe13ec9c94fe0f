// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Command to enrollment: reserve one seat in each course of a paid order for its learner, all of them or none. Sent by checkout, one command per order.
 */
export interface GrantSeatV1 {
  /**
   * Idempotency key of the command (also the CloudEvent id); enrollment grants at most once per command id. Text a database holds: no NUL, no lone surrogate.
   */
  commandId: string;
  /**
   * The paid order.
   */
  orderId: string;
  /**
   * Who gets the seat.
   */
  learnerId: string;
  /**
   * The courses of the order (at most 20, checkout's MAX_COURSES_PER_ORDER); enrollment grants a seat in every one or in none.
   *
   * @minItems 1
   * @maxItems 20
   */
  courseIds: string[];
  /**
   * When checkout asked for the seat.
   */
  requestedAt: string;
}
