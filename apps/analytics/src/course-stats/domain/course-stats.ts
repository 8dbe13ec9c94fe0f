import type { OrderLine } from '@shop/contracts';

/** One course's totals, in the currency of the first order counted for it. */
export interface CourseStats {
  readonly courseId: string;
  readonly currency: string;
  readonly conversions: number;
  readonly cancellations: number;
  readonly revenueMinor: bigint;
}

/** What one order line adds to its course's totals. */
export interface CourseStatsDelta {
  readonly conversions: number;
  readonly cancellations: number;
  readonly revenueMinor: bigint;
}

/** An order line and what it adds. */
export interface CourseStatsIncrement {
  readonly line: OrderLine;
  readonly delta: CourseStatsDelta;
}

/** A completed order's line: one conversion, its price as revenue. */
export const conversion = (line: OrderLine): CourseStatsIncrement => ({
  line,
  delta: { conversions: 1, cancellations: 0, revenueMinor: BigInt(line.priceMinor) },
});

/** A cancelled order's line: one cancellation, no revenue. */
export const cancellation = (line: OrderLine): CourseStatsIncrement => ({
  line,
  delta: { conversions: 0, cancellations: 1, revenueMinor: 0n },
});

/** Thrown when a line's currency differs from the course's: adding them would be meaningless. */
export class CurrencyMismatchError extends Error {
  constructor(courseId: string, expected: string, got: string) {
    super(`course ${courseId} counts revenue in ${expected}, the line is in ${got}`);
    this.name = 'CurrencyMismatchError';
  }
}
