import { Inject, Injectable } from '@nestjs/common';
import { inbox } from '@shop/idempotency';
import { Outbox } from '@shop/outbox';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Enrollment } from './domain/enrollment.js';
import type { CourseSeatCount } from './domain/seat-allocation.js';
import { SeatsRepository, type SeatsTransaction } from './seats.repository.js';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Seats in `course_seats`, enrollments in `enrollments`, the inbox and the outbox: one database. */
@Injectable()
export class PrismaSeatsRepository extends SeatsRepository {
  private readonly outbox = new Outbox();

  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  inTransaction<T>(work: (tx: SeatsTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => work(this.seatsIn(tx)));
  }

  seatsOf(courseIds: readonly string[]): Promise<CourseSeatCount[]> {
    return this.prisma.courseSeats.findMany({ where: { courseId: { in: [...courseIds] } } });
  }

  async enrollmentsOf(orderIds: readonly string[], learnerId: string): Promise<Enrollment[]> {
    const rows = await this.prisma.enrollment.findMany({
      where: { orderId: { in: [...orderIds] }, learnerId },
      orderBy: { courseId: 'asc' },
    });
    return rows.map(({ createdAt, ...row }) => ({ ...row, enrolledAt: createdAt }));
  }

  private seatsIn(tx: Transaction): SeatsTransaction {
    return {
      claimCommand: (commandId) => inbox.claim(tx, commandId),
      lockOrder: async (orderId) => {
        // A transaction-scoped advisory lock on the order: no row to lock before the first grant.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${orderId}, 0))`;
        const rows = await tx.enrollment.findMany({ where: { orderId } });
        const cancellation = await tx.cancelledGrant.findUnique({ where: { orderId } });
        return {
          enrollments: rows.map(({ createdAt, ...row }) => ({ ...row, enrolledAt: createdAt })),
          cancellation: cancellation ?? undefined,
        };
      },
      lockSeats: (courseIds) =>
        tx.$queryRawUnsafe<CourseSeatCount[]>(
          `SELECT course_id AS "courseId", capacity, taken
             FROM course_seats
            WHERE course_id = ANY($1::uuid[])
            ORDER BY course_id
              FOR UPDATE`,
          [...courseIds],
        ),
      takeSeats: async (order, courseIds) => {
        const enrollments: Enrollment[] = [];
        for (const courseId of courseIds) {
          await tx.courseSeats.update({ where: { courseId }, data: { taken: { increment: 1 } } });
          const { createdAt, ...row } = await tx.enrollment.create({
            data: { orderId: order.orderId, learnerId: order.learnerId, courseId },
          });
          enrollments.push({ ...row, enrolledAt: createdAt });
        }
        return enrollments;
      },
      releaseSeats: async (enrollments) => {
        for (const { id, courseId } of enrollments) {
          await tx.enrollment.delete({ where: { id } });
          await tx.courseSeats.update({ where: { courseId }, data: { taken: { decrement: 1 } } });
        }
      },
      recordCancellation: async (cancellation) => {
        await tx.cancelledGrant.create({ data: cancellation });
      },
      publish: async (message) => {
        await this.outbox.enqueue(tx, message);
      },
    };
  }
}
