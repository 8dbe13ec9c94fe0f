import { Inject, Injectable } from '@nestjs/common';
import { inbox } from '@shop/idempotency';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';
import { CourseStatsRepository } from './course-stats.repository.js';
import {
  CurrencyMismatchError,
  type CourseStats,
  type CourseStatsIncrement,
} from './domain/course-stats.js';

/** The totals in `course_stats`; the event id claimed in the inbox in the same transaction. */
@Injectable()
export class PrismaCourseStatsRepository extends CourseStatsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  countOnce(eventId: string, increments: readonly CourseStatsIncrement[]): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await inbox.claim(tx, eventId))) return false;
      for (const increment of increments) await add(tx, increment);
      return true;
    });
  }

  findByCourseIds(courseIds: readonly string[]): Promise<CourseStats[]> {
    return this.prisma.courseStats.findMany({ where: { courseId: { in: [...courseIds] } } });
  }
}

// One `INSERT … ON CONFLICT DO UPDATE` (Prisma's native upsert): two
// partitions counting the same course never lose an increment.
async function add(tx: Prisma.TransactionClient, { line, delta }: CourseStatsIncrement) {
  const stats = await tx.courseStats.upsert({
    where: { courseId: line.courseId },
    create: { courseId: line.courseId, currency: line.currency, ...delta },
    update: {
      conversions: { increment: delta.conversions },
      cancellations: { increment: delta.cancellations },
      revenueMinor: { increment: delta.revenueMinor },
    },
    select: { currency: true },
  });
  // Refusing rolls the whole event back (and, repeated, dead-letters it) rather than mixing currencies.
  if (stats.currency !== line.currency) {
    throw new CurrencyMismatchError(line.courseId, stats.currency, line.currency);
  }
}
