import type { NewOutboxMessage } from '@shop/outbox';
import type { Enrollment } from './domain/enrollment.js';
import type { GrantCancellation, OrderGrant } from './domain/order-grant.js';
import type { CourseSeatCount } from './domain/seat-allocation.js';

/** What a use case may do inside one transaction: every step commits together, or none does. */
export interface SeatsTransaction {
  /** True the first time this command id is seen (the inbox), false for a duplicate. */
  claimCommand(commandId: string): Promise<boolean>;
  /**
   * The seats already granted to this order, under any command, and its
   * cancellation if any, with the order locked until the transaction ends:
   * two commands of one order on two consumers (a grant and a cancel
   * included) are judged one after the other, never both against "nothing yet".
   */
  lockOrder(orderId: string): Promise<OrderGrant>;
  /** The seat counts of these courses, locked until the transaction ends (in course-id order: no deadlock). */
  lockSeats(courseIds: readonly string[]): Promise<CourseSeatCount[]>;
  /** One seat in each course and its enrollment, in request order. */
  takeSeats(
    order: { readonly orderId: string; readonly learnerId: string },
    courseIds: readonly string[],
  ): Promise<Enrollment[]>;
  /** Gives these enrollments' seats back (call `lockSeats` on their courses first). */
  releaseSeats(enrollments: readonly Enrollment[]): Promise<void>;
  /** The tombstone: from now on, no seat is granted to this order. */
  recordCancellation(cancellation: GrantCancellation): Promise<void>;
  /** The answer for checkout, in the outbox. */
  publish(message: NewOutboxMessage): Promise<void>;
}

/** Storage of seats and enrollments, behind an interface the use cases own. */
export abstract class SeatsRepository {
  abstract inTransaction<T>(work: (tx: SeatsTransaction) => Promise<T>): Promise<T>;
  abstract seatsOf(courseIds: readonly string[]): Promise<CourseSeatCount[]>;
  /** The learner's own enrollments in these orders, by course id. */
  abstract enrollmentsOf(orderIds: readonly string[], learnerId: string): Promise<Enrollment[]>;
}
