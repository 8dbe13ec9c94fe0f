import { randomUUID } from 'node:crypto';
import type { OrderCancelledV2, OrderCompletedV1 } from '@shop/contracts';
import { DeadLetterHeaders } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { KafkaTestClient } from '@shop/messaging/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_CONSUMER_GROUP } from '../src/app.module.js';
import { startAnalyticsService, type AnalyticsService } from './support/analytics-service.js';

const COMPLETED = 'order.completed.v1';
const CANCELLED = 'order.cancelled.v2';

function completedOrder(courseIds: string[], priceMinor: number): OrderCompletedV1 {
  const lines = courseIds.map((courseId) => ({ courseId, priceMinor, currency: 'EUR' }));
  return {
    ...messageExamples[COMPLETED],
    orderId: randomUUID(),
    lines,
    totalMinor: priceMinor * lines.length,
  };
}

function cancelledOrder(
  courseId: string,
  reason: OrderCancelledV2['reason'] = 'COURSE_FULL',
): OrderCancelledV2 {
  return {
    ...messageExamples[CANCELLED],
    orderId: randomUUID(),
    lines: [{ courseId, priceMinor: 4900, currency: 'EUR' }],
    reason,
  };
}

// The test broker creates topics with one partition: a marker published last is handled last.
describe('analytics consuming order events', () => {
  let service: AnalyticsService;
  let client: KafkaTestClient;

  beforeAll(async () => {
    service = await startAnalyticsService();
    client = new KafkaTestClient(service.broker.address);
    await client.connect(COMPLETED, ANALYTICS_CONSUMER_GROUP);
  }, 60_000);
  afterAll(async () => {
    await client.disconnect();
    await service.stop();
  });

  const untilCounted = (eventId: string) =>
    expect
      .poll(() => service.db.inboxMessage.count({ where: { messageId: eventId } }), {
        timeout: 30_000,
        message: `event ${eventId} is counted`,
      })
      .toBe(1);

  const statsOf = (courseId: string) => service.db.courseStats.findUnique({ where: { courseId } });

  it('when orders complete, then each course counts one conversion and its revenue per line, as a bigint', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const first = await client.publish(COMPLETED, completedOrder([a, b], 4900));
    // Revenue beyond 32 bits: the column is a bigint, read as one.
    const big = await client.publish(COMPLETED, completedOrder([a], 2_147_483_647));
    await untilCounted(first.id);
    await untilCounted(big.id);
    expect(await statsOf(a)).toMatchObject({
      conversions: 2,
      cancellations: 0,
      revenueMinor: 2_147_488_547n,
      currency: 'EUR',
    });
    expect(await statsOf(b)).toMatchObject({
      conversions: 1,
      cancellations: 0,
      revenueMinor: 4900n,
    });
  });

  it('when the same event is delivered twice, then it counts once', async () => {
    const course = randomUUID();
    const event = await client.publish(COMPLETED, completedOrder([course], 1000));
    await client.publishEvent(event);
    const marker = await client.publish(COMPLETED, completedOrder([course], 1));
    await untilCounted(marker.id);
    expect(await statsOf(course)).toMatchObject({ conversions: 2, revenueMinor: 1001n });
  });

  it('when an order is cancelled, then its courses count one cancellation per event and no revenue', async () => {
    const course = randomUUID();
    await client.publish(COMPLETED, completedOrder([course], 4900));
    const cancelled = await client.publish(CANCELLED, cancelledOrder(course));
    await client.publishEvent(cancelled);
    const marker = await client.publish(CANCELLED, cancelledOrder(course));
    await untilCounted(marker.id);
    await untilCounted(cancelled.id);
    expect(await statsOf(course)).toMatchObject({
      conversions: 1,
      cancellations: 2,
      revenueMinor: 4900n,
    });
  });

  it('when orders are cancelled for an enrollment or a payment timeout (reasons only v2 can say), then each counts as a cancellation', async () => {
    const course = randomUUID();
    const timedOut = await client.publish(CANCELLED, cancelledOrder(course, 'ENROLLMENT_TIMEOUT'));
    const late = await client.publish(CANCELLED, cancelledOrder(course, 'PAYMENT_OUTCOME_TIMEOUT'));
    await untilCounted(timedOut.id);
    await untilCounted(late.id);
    expect(await statsOf(course)).toMatchObject({
      conversions: 0,
      cancellations: 2,
      revenueMinor: 0n,
    });
  });

  it('when a v2 cancellation contradicts a completed order, then it is dead-lettered to the v2 DLQ as a contradiction and counts nothing', async () => {
    const cancellations = new KafkaTestClient(service.broker.address);
    await cancellations.connect(CANCELLED, ANALYTICS_CONSUMER_GROUP);
    try {
      const course = randomUUID();
      const order = completedOrder([course], 4900);
      await untilCounted((await client.publish(COMPLETED, order)).id);
      const forged = await cancellations.publish(CANCELLED, {
        ...cancelledOrder(course, 'ENROLLMENT_TIMEOUT'),
        orderId: order.orderId,
        learnerId: order.learnerId,
        lines: order.lines,
      });
      await cancellations.untilDeadLettered([{ key: forged.subject }]);
      expect(cancellations.deadLettersOf([{ key: forged.subject }])).toEqual([
        {
          key: forged.subject,
          code: 'CONTRADICTION',
          reason: `order ${order.orderId} was counted as COMPLETED; it cannot also be CANCELLED (both are final)`,
          group: ANALYTICS_CONSUMER_GROUP,
        },
      ]);
      expect(await statsOf(course)).toMatchObject({ conversions: 1, cancellations: 0 });
      expect(await service.db.inboxMessage.count({ where: { messageId: forged.id } })).toBe(0);
    } finally {
      await cancellations.disconnect();
    }
  });

  it('when an order completes again with other lines, then the event is dead-lettered once as a contradiction and nothing is counted', async () => {
    const course = randomUUID();
    const order = completedOrder([course], 4900);
    const first = await client.publish(COMPLETED, order);
    const republished = await client.publish(COMPLETED, order);
    const lines = [{ courseId: course, priceMinor: 1, currency: 'EUR' }];
    const forged = await client.publish(COMPLETED, { ...order, lines, totalMinor: 1 });
    const marker = await client.publish(COMPLETED, completedOrder([randomUUID()], 1));
    await untilCounted(marker.id);
    await untilCounted(first.id);
    await untilCounted(republished.id);
    const parked = () => client.deadLetters.filter((m) => m.value?.toString().includes(forged.id));
    await expect
      .poll(() => parked().length, { timeout: 15_000, message: 'the DLQ has it' })
      .toBe(1);
    const [dead] = parked();
    expect(dead?.headers?.[DeadLetterHeaders.code]?.toString()).toBe('CONTRADICTION');
    expect(dead?.headers?.[DeadLetterHeaders.reason]?.toString()).toBe(
      `order ${order.orderId} was counted with lines [${course} 4900 EUR]; this event says [${course} 1 EUR]`,
    );
    expect(dead?.headers?.[DeadLetterHeaders.group]?.toString()).toBe(ANALYTICS_CONSUMER_GROUP);
    expect(await statsOf(course)).toMatchObject({ conversions: 1, revenueMinor: 4900n });
    expect(await service.db.inboxMessage.count({ where: { messageId: forged.id } })).toBe(0);
  });

  it('is ready with its database and its Kafka consumer up', async () => {
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      info: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  });
});
