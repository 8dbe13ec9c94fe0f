// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Command to enrollment: cancel the grant of an order's seats. Seats already granted are released; a grant-seat command for the order that enrollment has not handled yet is refused when it arrives. Sent by checkout, at most one per order, when the order waited for its seats past its deadline.
 */
export interface CancelGrantV1 {
  /**
   * Idempotency key of the command (also the CloudEvent id); enrollment cancels at most once per command id. Text a database holds: no NUL, no lone surrogate.
   */
  commandId: string;
  /**
   * The order whose grant is cancelled.
   */
  orderId: string;
  /**
   * The order's learner, as in its grant-seat command.
   */
  learnerId: string;
  /**
   * The courses of the order, as in its grant-seat command (at most 20, checkout's MAX_COURSES_PER_ORDER).
   *
   * @minItems 1
   * @maxItems 20
   */
  courseIds: string[];
  /**
   * When checkout asked for the cancellation.
   */
  requestedAt: string;
}
