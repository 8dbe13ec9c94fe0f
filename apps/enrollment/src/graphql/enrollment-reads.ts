import { Inject, Injectable } from '@nestjs/common';
import { isUuid } from '@shop/subgraph';
import { PrismaClient } from '../generated/prisma/client.js';

/** A course's seats as the graph shows them. */
export interface SeatsView {
  readonly courseId: string;
  readonly capacity: number;
  readonly taken: number;
  readonly available: number;
}

/** One seat granted to an order. */
export interface EnrollmentView {
  readonly orderId: string;
  readonly courseId: string;
  readonly enrolledAt: Date;
}

/** What the graph reads of enrollment's data: each method is one query for a whole batch of ids. */
@Injectable()
export class EnrollmentReads {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async seatsOf(courseIds: readonly string[]): Promise<SeatsView[]> {
    const ids = courseIds.filter(isUuid);
    if (ids.length === 0) return [];
    const rows = await this.prisma.courseSeats.findMany({ where: { courseId: { in: ids } } });
    return rows.map(({ courseId, capacity, taken }) => ({
      courseId,
      capacity,
      taken,
      available: Math.max(0, capacity - taken),
    }));
  }

  /** Only the learner's own: a representation names an order, the header says who asks. */
  async enrollmentsOf(orderIds: readonly string[], learnerId: string): Promise<EnrollmentView[]> {
    const ids = orderIds.filter(isUuid);
    if (ids.length === 0) return [];
    const rows = await this.prisma.enrollment.findMany({
      where: { orderId: { in: ids }, learnerId },
      orderBy: { courseId: 'asc' },
    });
    return rows.map(({ orderId, courseId, createdAt }) => ({
      orderId,
      courseId,
      enrolledAt: createdAt,
    }));
  }
}
