import type { SeatRejectedV1 } from '@shop/contracts';

/** Seats of one course as they stand inside the granting transaction. */
export interface CourseSeatCount {
  readonly courseId: string;
  readonly capacity: number;
  readonly taken: number;
}

export type RejectionReason = SeatRejectedV1['reason'];

/** Every course of the order has a free seat, or the first one that does not, and why. */
export type SeatAllocation =
  | { readonly granted: true }
  | {
      readonly granted: false;
      readonly courseId: string;
      readonly reason: RejectionReason;
      readonly detail: string;
    };

/**
 * All seats or none: the order is granted only if every requested course
 * exists and has a free seat. Courses are checked in the order asked for, so
 * the rejection names the first course that failed.
 */
export function allocateSeats(
  courseIds: readonly string[],
  seats: readonly CourseSeatCount[],
): SeatAllocation {
  const byCourse = new Map(seats.map((s) => [s.courseId, s]));
  for (const courseId of courseIds) {
    const course = byCourse.get(courseId);
    if (!course) {
      return { granted: false, courseId, reason: 'UNKNOWN_COURSE', detail: 'no such course' };
    }
    if (course.taken >= course.capacity) {
      const detail = `all ${course.capacity} seats are taken`;
      return { granted: false, courseId, reason: 'COURSE_FULL', detail };
    }
  }
  return { granted: true };
}
