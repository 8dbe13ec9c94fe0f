import type { CourseSeatCount } from './domain/seat-allocation.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** The transaction client of `prisma.$transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Locks the seat rows of the given courses until the transaction ends. Always
 * in course-id order: two orders sharing courses lock them in the same order,
 * so they queue behind each other instead of deadlocking.
 */
export async function lockCourseSeats(
  tx: Transaction,
  courseIds: readonly string[],
): Promise<CourseSeatCount[]> {
  return tx.$queryRawUnsafe<CourseSeatCount[]>(
    `SELECT course_id AS "courseId", capacity, taken
       FROM course_seats
      WHERE course_id = ANY($1::uuid[])
      ORDER BY course_id
        FOR UPDATE`,
    [...courseIds],
  );
}

/** Takes one seat in each course and records the enrollments; returns them in request order. */
export async function takeSeats(
  tx: Transaction,
  order: { readonly orderId: string; readonly learnerId: string },
  courseIds: readonly string[],
): Promise<{ courseId: string; enrollmentId: string }[]> {
  const enrollments = [];
  for (const courseId of courseIds) {
    await tx.courseSeats.update({ where: { courseId }, data: { taken: { increment: 1 } } });
    const { id } = await tx.enrollment.create({
      data: { orderId: order.orderId, learnerId: order.learnerId, courseId },
      select: { id: true },
    });
    enrollments.push({ courseId, enrollmentId: id });
  }
  return enrollments;
}
