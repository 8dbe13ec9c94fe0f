import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { CurrencyMismatchError } from '../domain/course-stats.js';
import { InMemoryCourseStatsRepository } from '../testing/in-memory-course-stats.repository.js';
import { CountOrderEventsHandler } from './count-order-events.handler.js';

const courseA = randomUUID();
const courseB = randomUUID();
const line = (courseId: string, priceMinor: number, currency = 'EUR') => ({
  courseId,
  priceMinor,
  currency,
});

function completed(lines: ReturnType<typeof line>[]) {
  const data = messageExamples['order.completed.v1'];
  const totalMinor = lines.reduce((sum, l) => sum + l.priceMinor, 0);
  const orderId = randomUUID();
  return createEvent(
    'order.completed.v1',
    { ...data, orderId, lines, totalMinor },
    { subject: orderId, correlationId: 'corr-unit' },
  );
}

function cancelled(lines: ReturnType<typeof line>[]) {
  const data = messageExamples['order.cancelled.v1'];
  const orderId = randomUUID();
  return createEvent(
    'order.cancelled.v1',
    { ...data, orderId, lines },
    { subject: orderId, correlationId: 'corr-unit' },
  );
}

let stats: InMemoryCourseStatsRepository;
let count: CountOrderEventsHandler;
beforeEach(() => {
  stats = new InMemoryCourseStatsRepository();
  count = new CountOrderEventsHandler(stats);
});

describe('CountOrderEventsHandler', () => {
  it('counts a completed order as one conversion per course, its price as revenue', async () => {
    await count.orderCompleted(completed([line(courseA, 4900), line(courseB, 5900)]));
    await count.orderCompleted(completed([line(courseA, 4900)]));
    expect(stats.stats.get(courseA)).toMatchObject({ conversions: 2, revenueMinor: 9800n });
    expect(stats.stats.get(courseB)).toMatchObject({ conversions: 1, revenueMinor: 5900n });
  });

  it('counts a cancellation without revenue', async () => {
    await count.orderCancelled(cancelled([line(courseA, 4900)]));
    expect(stats.stats.get(courseA)).toMatchObject({
      conversions: 0,
      cancellations: 1,
      revenueMinor: 0n,
    });
  });

  it('counts the same event once, however often it is delivered', async () => {
    const event = completed([line(courseA, 4900)]);
    await count.orderCompleted(event);
    await count.orderCompleted(event);
    expect(stats.stats.get(courseA)).toMatchObject({ conversions: 1, revenueMinor: 4900n });
  });

  it('refuses a line in another currency than its course, counting none of the event', async () => {
    await count.orderCompleted(completed([line(courseA, 4900)]));
    const mixed = completed([line(courseB, 100), line(courseA, 100, 'USD')]);
    await expect(count.orderCompleted(mixed)).rejects.toThrow(CurrencyMismatchError);
    expect(stats.stats.has(courseB)).toBe(false);
  });
});
