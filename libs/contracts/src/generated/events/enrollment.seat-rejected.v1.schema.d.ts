// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Event from enrollment: no seat could be granted; checkout compensates (refund, cancel).
 */
export interface SeatRejectedV1 {
  /**
   * The order the seat was asked for.
   */
  orderId: string;
  /**
   * Who asked.
   */
  learnerId: string;
  /**
   * The course that could not be granted; no seat of the order was granted.
   */
  courseId: string;
  /**
   * Why no seat was granted.
   */
  reason: 'COURSE_FULL' | 'UNKNOWN_COURSE';
  /**
   * Human-readable explanation, for logs and status history (no NUL, no lone surrogate).
   */
  detail?: string;
}
