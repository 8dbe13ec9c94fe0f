// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Event from enrollment: the order's grant is cancelled for good. It holds no seat (those granted before the cancellation were released) and none will be granted for it; checkout refunds and cancels the order.
 */
export interface GrantCancelledV1 {
  /**
   * The order whose grant was cancelled.
   */
  orderId: string;
  /**
   * The order's learner.
   */
  learnerId: string;
  /**
   * The enrollments the order had been granted before the cancellation arrived, now released; empty when its grant-seat command had not been handled (it will be refused) or its seats were rejected.
   *
   * @maxItems 20
   */
  released: {
    /**
     * The course whose seat was given back.
     */
    courseId: string;
    /**
     * The enrollment that was released.
     */
    enrollmentId: string;
  }[];
  /**
   * When enrollment recorded the cancellation.
   */
  cancelledAt: string;
}
