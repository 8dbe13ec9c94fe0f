// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.

/**
 * Event from enrollment: the learner has a seat in the course for this order.
 */
export interface SeatGrantedV1 {
  /**
   * The order the seat was granted for.
   */
  orderId: string;
  /**
   * Who got the seat.
   */
  learnerId: string;
  /**
   * One enrollment per course of the order, each course once; at most 20 (checkout's MAX_COURSES_PER_ORDER).
   *
   * @minItems 1
   * @maxItems 20
   */
  enrollments: {
    /**
     * The course.
     */
    courseId: string;
    /**
     * The enrollment enrollment created.
     */
    enrollmentId: string;
  }[];
}
