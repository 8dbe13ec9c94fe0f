/** One seat granted to an order's learner in one course. */
export interface Enrollment {
  readonly id: string;
  readonly orderId: string;
  readonly learnerId: string;
  readonly courseId: string;
  readonly enrolledAt: Date;
}
