import type { OrderLine } from '@shop/contracts';
import type { Prisma } from '../generated/prisma/client.js';

/** What one order line adds to its course's totals. */
export interface CourseStatsDelta {
  readonly conversions: number;
  readonly cancellations: number;
  readonly revenueMinor: bigint;
}

/** Thrown when a line's currency differs from the course's: adding them would be meaningless. */
export class CurrencyMismatchError extends Error {
  constructor(courseId: string, expected: string, got: string) {
    super(`course ${courseId} counts revenue in ${expected}, the line is in ${got}`);
    this.name = 'CurrencyMismatchError';
  }
}

/**
 * Adds a delta to one course's totals, creating its row on first sight, in
 * one `INSERT … ON CONFLICT DO UPDATE` (Prisma's native upsert), so two
 * partitions counting the same course never lose an increment.
 */
export async function addToCourseStats(
  tx: Prisma.TransactionClient,
  line: OrderLine,
  delta: CourseStatsDelta,
): Promise<void> {
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
