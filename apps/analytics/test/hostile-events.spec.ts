// The Kafka edge of analytics under fuzz: hostile order.completed.v1 and
// order.cancelled.v1 messages from fast-check, sent over the embedded broker
// to the running consumer. Each must end counted (or a harmless duplicate) or
// dead-lettered once with its reason; the consumer must keep going; nothing
// may be lost, and a contradiction must count nothing.
import { randomUUID } from 'node:crypto';
import type { KafkaEventKind, OrderCancelledV1, OrderCompletedV1 } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import {
  accountFor,
  fuzzSeed,
  hostileMessages,
  KafkaTestClient,
  shapeCounts,
  type HostileMessage,
  type Verdict,
} from '@shop/messaging/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_CONSUMER_GROUP } from '../src/app.module.js';
import { startAnalyticsService, type AnalyticsService } from './support/analytics-service.js';

const COMPLETED = 'order.completed.v1';
const CANCELLED = 'order.cancelled.v1';
// Inputs per topic: enough for every shape many times, well under a minute on 2 busy cores.
const RUNS = 400;

// Each fresh order buys its own course, so a batch's counts stay readable per course.
const aCompletedOrder = (): OrderCompletedV1 => {
  const lines = [{ courseId: randomUUID(), priceMinor: 4900, currency: 'EUR' }];
  return { ...messageExamples[COMPLETED], orderId: randomUUID(), lines, totalMinor: 4900 };
};
const aCancelledOrder = (): OrderCancelledV1 => ({
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

  // Sends the batch and a valid marker behind it, then accounts for every message.
  async function fuzz(
    topic: KafkaEventKind,
    batch: HostileMessage[],
    marker: () => Promise<string>,
  ) {
    await client(topic).publishMessages(topic, batch);
    await untilCounted(await marker());
    const verdictOf = (m: HostileMessage): Verdict => {
      if (!m.contract.ok) return { deadLetter: m.contract.code };
      return m.shape === 'contradiction' ? { deadLetter: 'CONTRADICTION' } : 'accepted';
    };
    const refused = new Set(batch.filter((m) => verdictOf(m) !== 'accepted').map((m) => m.key));
    await expect
      .poll(
        () => client(topic).deadLetters.filter((d) => refused.has(d.key?.toString() ?? '')).length,
        { timeout: 60_000, message: 'every refused message reaches the DLQ' },
      )
      .toBeGreaterThanOrEqual(refused.size);
    const ids = batch.flatMap((m) => (m.contract.ok ? [m.contract.id] : []));
    const handled = new Set(
      (await service.db.inboxMessage.findMany({ where: { messageId: { in: ids } } })).map(
        (row) => row.messageId,
      ),
    );
    const inBatch = new Set(batch.map((m) => m.key));
    const parked = client(topic)
      .deadLetterSummaries()
      .filter((d) => inBatch.has(d.key));
    const account = accountFor(
      batch,
      parked,
      verdictOf,
      (m) => m.contract.ok && handled.has(m.contract.id),
    );
    console.info(
      `analytics ${topic}: ${account.sent} in = ${account.accepted} handled + ${account.deadLettered} dead-lettered`,
    );
    expect(account.mismatches).toEqual([]);
    expect(account.accepted + account.deadLettered).toBe(batch.length);
    expect(new Set(parked.map((d) => d.group))).toEqual(new Set([ANALYTICS_CONSUMER_GROUP]));
  }

  it(`when ${RUNS} hostile order.completed.v1 messages arrive, then each is counted or dead-lettered exactly once, and contradictions count nothing`, async () => {
    const known = [aCompletedOrder(), aCompletedOrder(), aCompletedOrder()];
    for (const order of known)
      await untilCounted((await client(COMPLETED).publish(COMPLETED, order)).id);
    const seed = fuzzSeed();
    const batch = hostileMessages(COMPLETED, {
      count: RUNS,
      seed,
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
    console.info(
      `analytics: ${RUNS} hostile ${COMPLETED} messages, FUZZ_SEED=${seed}`,
      shapeCounts(batch),
    );
    await fuzz(
      COMPLETED,
      batch,
      async () => (await client(COMPLETED).publish(COMPLETED, aCompletedOrder())).id,
    );
    for (const order of known) {
      const [line] = order.lines;
      const stats = await service.db.courseStats.findUnique({
        where: { courseId: line?.courseId ?? '' },
      });
      expect(stats).toMatchObject({
        conversions: 1,
        cancellations: 0,
        revenueMinor: 4900n,
        currency: 'EUR',
      });
    }
  }, 240_000);

  it(`when ${RUNS} hostile order.cancelled.v1 messages arrive, cancelling completed orders among them, then each is counted or dead-lettered exactly once`, async () => {
    const completed = [aCompletedOrder(), aCompletedOrder()];
    for (const order of completed)
      await untilCounted((await client(COMPLETED).publish(COMPLETED, order)).id);
    const known = [aCancelledOrder(), aCancelledOrder()];
    for (const order of known)
      await untilCounted((await client(CANCELLED).publish(CANCELLED, order)).id);
    let next = 0;
    const seed = fuzzSeed();
    const batch = hostileMessages(CANCELLED, {
      count: RUNS,
      seed,
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
    console.info(
      `analytics: ${RUNS} hostile ${CANCELLED} messages, FUZZ_SEED=${seed}`,
      shapeCounts(batch),
    );
    await fuzz(
      CANCELLED,
      batch,
      async () => (await client(CANCELLED).publish(CANCELLED, aCancelledOrder())).id,
    );
    for (const order of completed) {
      const [line] = order.lines;
      const stats = await service.db.courseStats.findUnique({
        where: { courseId: line?.courseId ?? '' },
      });
      expect(stats).toMatchObject({ conversions: 1, cancellations: 0 });
    }
  }, 240_000);
});
