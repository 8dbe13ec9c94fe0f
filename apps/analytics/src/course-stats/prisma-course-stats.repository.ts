import { Inject, Injectable } from '@nestjs/common';
import { inbox } from '@shop/idempotency';
import { inMessageTransaction } from '@shop/messaging';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';
import { CourseStatsRepository, type CountResult } from './course-stats.repository.js';
import {
  CurrencyMismatchError,
  type CourseStats,
  type CourseStatsIncrement,
} from './domain/course-stats.js';
import { judgeOrderEvent, type CountedOrder } from './domain/order-ledger.js';

// Thrown inside the transaction so that the inbox claim rolls back with everything else.
class Contradicted extends Error {}

/** The totals in `course_stats`, the orders in `counted_orders`; the event id claimed in the inbox in the same transaction. */
@Injectable()
export class PrismaCourseStatsRepository extends CourseStatsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  async countOnce(
    eventId: string,
    order: CountedOrder,
    increments: readonly CourseStatsIncrement[],
  ): Promise<CountResult> {
    try {
      // The message's own transaction, or its batch's (several events, one commit).
      return await inMessageTransaction(this.prisma, async (tx): Promise<CountResult> => {
        if (!(await inbox.claim(tx, eventId))) return 'duplicate';
        // Events of one order share a key, hence a partition: none races this read.
        const known = await tx.countedOrder.findUnique({ where: { orderId: order.orderId } });
        const decision = judgeOrderEvent(known ?? undefined, order);
        if (decision.kind === 'contradiction') throw new Contradicted(decision.reason);
        if (decision.kind === 'already-counted') return 'duplicate';
        await tx.countedOrder.create({ data: order });
        for (const increment of increments) await add(tx, increment);
        return 'counted';
      });
    } catch (error) {
      if (error instanceof Contradicted || error instanceof CurrencyMismatchError)
        return { contradiction: error.message };
      throw error;
    }
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
  // Refusing rolls the whole event back rather than mixing currencies.
  if (stats.currency !== line.currency) {
    throw new CurrencyMismatchError(line.courseId, stats.currency, line.currency);
  }
}
