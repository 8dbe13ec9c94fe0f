import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryCourseStatsRepository } from '../testing/in-memory-course-stats.repository.js';
import { CountOrderEventsHandler } from './count-order-events.handler.js';

const courseA = randomUUID();
const courseB = randomUUID();
const line = (courseId: string, priceMinor: number, currency = 'EUR') => ({
  courseId,
  priceMinor,
  currency,
});

function completed(lines: ReturnType<typeof line>[], orderId: string = randomUUID()) {
  const data = messageExamples['order.completed.v1'];
  const totalMinor = lines.reduce((sum, l) => sum + l.priceMinor, 0);
  return createEvent(
    'order.completed.v1',
    { ...data, orderId, lines, totalMinor, currency: lines[0]?.currency ?? data.currency },
    { subject: orderId, correlationId: 'corr-unit' },
  );
}

function cancelled(lines: ReturnType<typeof line>[], orderId: string = randomUUID()) {
  const data = messageExamples['order.cancelled.v2'];
  return createEvent(
    'order.cancelled.v2',
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
    const mixed = completed([line(courseB, 100, 'USD'), line(courseA, 100, 'USD')]);
    await expect(count.orderCompleted(mixed)).resolves.toEqual({
      refused: true,
      code: 'CONTRADICTION',
      reason: `course ${courseA} counts revenue in EUR, the line is in USD`,
    });
    expect(stats.stats.has(courseB)).toBe(false);
    expect(stats.orders.has(mixed.data.orderId)).toBe(false);
  });

  it('counts an order once, even when it is published again under another event id', async () => {
    const first = completed([line(courseA, 4900)]);
    await count.orderCompleted(first);
    const again = completed([line(courseA, 4900)], first.data.orderId);
    await expect(count.orderCompleted(again)).resolves.toBeUndefined();
    expect(stats.stats.get(courseA)).toMatchObject({ conversions: 1, revenueMinor: 4900n });
  });

  it('refuses, counting nothing, an event that contradicts the order as counted', async () => {
    const first = completed([line(courseA, 4900)]);
    await count.orderCompleted(first);
    const orderId = first.data.orderId;
    await expect(
      count.orderCancelled(cancelled([line(courseA, 4900)], orderId)),
    ).resolves.toMatchObject({
      code: 'CONTRADICTION',
      reason: `order ${orderId} was counted as COMPLETED; it cannot also be CANCELLED (both are final)`,
    });
    await expect(
      count.orderCompleted(completed([line(courseA, 99)], orderId)),
    ).resolves.toMatchObject({
      code: 'CONTRADICTION',
    });
    expect(stats.stats.get(courseA)).toMatchObject({
      conversions: 1,
      cancellations: 0,
      revenueMinor: 4900n,
    });
  });
});
