// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Command to enrollment: reserve a seat in one course for the learner of a paid order. Sent by checkout.
 */
export interface GrantSeatV1 {
  /**
   * Idempotency key of the command (also the CloudEvent id); enrollment grants at most once per command id.
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
   * The course to enroll in.
   */
  courseId: string;
  /**
   * When checkout asked for the seat.
   */
  requestedAt: string;
}
