// The Kafka edge of notification under fuzz: hostile order.completed.v1
// messages from fast-check, sent over the embedded broker to the running
// consumer. Each must end receipted (or a harmless duplicate) or dead-lettered
// once with its reason; the consumer must keep going; nothing may be lost.
import { randomUUID } from 'node:crypto';
import type { OrderCompletedV1 } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import {
  accountForKafkaBatch,
  contractVerdict,
  describeAccount,
  hostileBatch,
  KafkaTestClient,
} from '@shop/messaging/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_CONSUMER_GROUP } from '../src/app.module.js';
import {
  startNotificationService,
  type NotificationService,
} from './support/notification-service.js';

const TOPIC = 'order.completed.v1';
// Inputs on this edge: enough for every shape many times, well under a minute on 2 busy cores.
const RUNS = 400;

const anOrder = (): OrderCompletedV1 => ({ ...messageExamples[TOPIC], orderId: randomUUID() });
const contradictions = [
  (o: OrderCompletedV1): OrderCompletedV1 => ({ ...o, learnerId: randomUUID() }),
  (o: OrderCompletedV1): OrderCompletedV1 => ({
    ...o,
    lines: o.lines.map((l) => ({ ...l, priceMinor: l.priceMinor + 1 })),
    totalMinor: o.totalMinor + o.lines.length,
  }),
];

describe('notification under hostile order.completed.v1 messages', () => {
  let service: NotificationService;
  let client: KafkaTestClient;

  beforeAll(async () => {
    service = await startNotificationService();
    client = new KafkaTestClient(service.broker.address);
    await client.connect(TOPIC, NOTIFICATION_CONSUMER_GROUP);
  }, 60_000);
  afterAll(async () => {
    await client.disconnect();
    await service.stop();
  });

  const handledIds = async (messageIds: string[]) => {
    const rows = await service.db.inboxMessage.findMany({
      where: { messageId: { in: messageIds } },
    });
    return new Set(rows.map((row) => row.messageId));
  };
  const receiptOf = (orderId: string) => service.db.receipt.findUnique({ where: { orderId } });
  const untilReceipt = (orderId: string) =>
    expect
      .poll(() => receiptOf(orderId), { timeout: 120_000, message: `order ${orderId} receipted` })
      .not.toBeNull();

  it(`when ${RUNS} hostile messages arrive, then each is receipted or dead-lettered exactly once with its reason, and the next valid one is receipted`, async () => {
    const known = [anOrder(), anOrder(), anOrder()];
    for (const order of known) await client.publish(TOPIC, order);
    for (const order of known) await untilReceipt(order.orderId);

    const batch = hostileBatch(TOPIC, { count: RUNS, fresh: anOrder, known, contradictions });
    await client.publishMessages(TOPIC, batch);
    const marker = anOrder();
    await client.publish(TOPIC, marker);
    await untilReceipt(marker.orderId);

    const account = await accountForKafkaBatch(client, batch, contractVerdict, handledIds);
    console.info(`notification: ${describeAccount(account)}`);
    expect(account.mismatches).toEqual([]);
    expect(account.accepted + account.deadLettered).toBe(RUNS);
    expect(account.deadLetterGroups).toEqual(new Set([NOTIFICATION_CONSUMER_GROUP]));
    // The known orders keep the receipt they had: nothing contradicting was mailed.
    for (const order of known) {
      expect((await receiptOf(order.orderId))?.learnerId).toBe(order.learnerId);
    }
  }, 240_000);
});
