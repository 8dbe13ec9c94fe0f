// The Kafka edge of analytics under fuzz: hostile order.completed.v1 and
// order.cancelled.v2 messages from fast-check, sent over the embedded broker
// to the running consumer. Each must end counted (or a harmless duplicate) or
// dead-lettered once with its reason; the consumer must keep going; nothing
// may be lost, and a contradiction must count nothing.
import { randomUUID } from 'node:crypto';
import type { DataOf, KafkaEventKind, OrderCancelledV2, OrderCompletedV1 } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import {
  accountForKafkaBatch,
  contractVerdict,
  describeAccount,
  hostileBatch,
  KafkaTestClient,
  type HostileMessage,
} from '@shop/messaging/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_CONSUMER_GROUP } from '../src/app.module.js';
import { startAnalyticsService, type AnalyticsService } from './support/analytics-service.js';

const COMPLETED = 'order.completed.v1';
const CANCELLED = 'order.cancelled.v2';
// Inputs per topic: enough for every shape many times, well under a minute on 2 busy cores.
const RUNS = 400;

// Each fresh order buys its own course, so a batch's counts stay readable per course.
const aCompletedOrder = (): OrderCompletedV1 => {
  const lines = [{ courseId: randomUUID(), priceMinor: 4900, currency: 'EUR' }];
  return { ...messageExamples[COMPLETED], orderId: randomUUID(), lines, totalMinor: 4900 };
};
const aCancelledOrder = (): OrderCancelledV2 => ({
  ...messageExamples[CANCELLED],
  orderId: randomUUID(),
  lines: [{ courseId: randomUUID(), priceMinor: 4900, currency: 'EUR' }],
});

describe('analytics under hostile order events', () => {
  let service: AnalyticsService;
  const clients = new Map<KafkaEventKind, KafkaTestClient>();

  beforeAll(async () => {
    service = await startAnalyticsService();
    for (const topic of [COMPLETED, CANCELLED] as const) {
      const client = new KafkaTestClient(service.broker.address);
      await client.connect(topic, ANALYTICS_CONSUMER_GROUP);
      clients.set(topic, client);
    }
  }, 60_000);
  afterAll(async () => {
    for (const client of clients.values()) await client.disconnect();
    await service.stop();
  });

  const client = (topic: KafkaEventKind) => {
    const found = clients.get(topic);
    if (!found) throw new Error(`no client for ${topic}`);
    return found;
  };
  const counted = (eventId: string) =>
    service.db.inboxMessage.count({ where: { messageId: eventId } });
  const untilCounted = (eventId: string) =>
    expect
      .poll(() => counted(eventId), { timeout: 120_000, message: `${eventId} counted` })
      .toBe(1);
  const handledIds = async (messageIds: string[]) => {
    const rows = await service.db.inboxMessage.findMany({
      where: { messageId: { in: messageIds } },
    });
    return new Set(rows.map((row) => row.messageId));
  };
  const statsOf = (order: OrderCompletedV1) =>
    service.db.courseStats.findUnique({ where: { courseId: order.lines[0]?.courseId ?? '' } });

  // Sends the batch and a valid order behind it, then accounts for every message.
  async function fuzz<K extends KafkaEventKind>(
    topic: K,
    batch: HostileMessage[],
    marker: DataOf<K>,
  ) {
    await client(topic).publishMessages(topic, batch);
    await untilCounted((await client(topic).publish(topic, marker)).id);
    const account = await accountForKafkaBatch(client(topic), batch, contractVerdict, handledIds);
    console.info(`analytics ${topic}: ${describeAccount(account)}`);
    expect(account.mismatches).toEqual([]);
    expect(account.accepted + account.deadLettered).toBe(batch.length);
    expect(account.deadLetterGroups).toEqual(new Set([ANALYTICS_CONSUMER_GROUP]));
  }

  it(`when ${RUNS} hostile order.completed.v1 messages arrive, then each is counted or dead-lettered exactly once, and contradictions count nothing`, async () => {
    const known = [aCompletedOrder(), aCompletedOrder(), aCompletedOrder()];
    for (const order of known)
      await untilCounted((await client(COMPLETED).publish(COMPLETED, order)).id);
    const batch = hostileBatch(COMPLETED, {
      count: RUNS,
      fresh: aCompletedOrder,
      known,
      contradictions: [
        (o) => ({ ...o, learnerId: randomUUID() }),
        (o) => ({
          ...o,
          lines: o.lines.map((l) => ({ ...l, priceMinor: 1 })),
          totalMinor: o.lines.length,
        }),
        (o) => ({ ...o, lines: o.lines.map((l) => ({ ...l, currency: 'USD' })), currency: 'USD' }),
      ],
    });
    await fuzz(COMPLETED, batch, aCompletedOrder());
    for (const order of known) {
      expect(await statsOf(order)).toMatchObject({
        conversions: 1,
        cancellations: 0,
        revenueMinor: 4900n,
        currency: 'EUR',
      });
    }
  }, 240_000);

  it(`when ${RUNS} hostile order.cancelled.v2 messages arrive, cancelling completed orders among them, then each is counted or dead-lettered exactly once`, async () => {
    const completed = [aCompletedOrder(), aCompletedOrder()];
    for (const order of completed)
      await untilCounted((await client(COMPLETED).publish(COMPLETED, order)).id);
    const known = [aCancelledOrder(), aCancelledOrder()];
    for (const order of known)
      await untilCounted((await client(CANCELLED).publish(CANCELLED, order)).id);
    let next = 0;
    const batch = hostileBatch(CANCELLED, {
      count: RUNS,
      fresh: aCancelledOrder,
      known,
      contradictions: [
        (o) => ({ ...o, learnerId: randomUUID() }),
        // A completed order never cancels: both are final.
        (o) => {
          const order = completed[next++ % completed.length] ?? completed[0];
          return order
            ? { ...o, orderId: order.orderId, learnerId: order.learnerId, lines: order.lines }
            : o;
        },
      ],
    });
    await fuzz(CANCELLED, batch, aCancelledOrder());
    for (const order of completed) {
      expect(await statsOf(order)).toMatchObject({ conversions: 1, cancellations: 0 });
    }
  }, 240_000);
});
