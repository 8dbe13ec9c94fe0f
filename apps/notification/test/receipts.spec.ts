import { randomUUID } from 'node:crypto';
import { createEvent, DeadLetterHeaders, type OrderCompletedV1 } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { KafkaTestClient } from '@shop/messaging/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_CONSUMER_GROUP } from '../src/app.module.js';
import {
  startNotificationService,
  type NotificationService,
} from './support/notification-service.js';

const TOPIC = 'order.completed.v1';

function anOrder(): OrderCompletedV1 {
  return { ...messageExamples[TOPIC], orderId: randomUUID() };
}

// The test broker creates topics with one partition: a marker published last is handled last.
describe('notification consuming order.completed.v1', () => {
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

  const receiptsOf = (orderId: string) => service.db.receipt.count({ where: { orderId } });
  const inboxHas = async (eventId: string) =>
    (await service.db.inboxMessage.count({ where: { messageId: eventId } })) === 1;

  // Queries fail while the database is down; expect.poll retries them.
  const untilReceipt = (orderId: string) =>
    expect
      .poll(() => receiptsOf(orderId), {
        timeout: 30_000,
        message: `a receipt for order ${orderId} is recorded`,
      })
      .toBeGreaterThan(0);

  it('when an order completes, then exactly one receipt is recorded, without personal data', async () => {
    const order = anOrder();
    await client.publish(TOPIC, order);
    await untilReceipt(order.orderId);
    const receipt = await service.db.receipt.findUniqueOrThrow({
      where: { orderId: order.orderId },
    });
    expect(receipt).toMatchObject({ learnerId: order.learnerId, email: null });
    expect(receipt.body).toContain('Total: 49.00 EUR');
  });

  it('when the same event is delivered twice, then there is still one receipt', async () => {
    const order = anOrder();
    const event = await client.publish(TOPIC, order);
    await client.publishEvent(event);
    // A later marker on the same partition: once it is handled, both copies were.
    const marker = anOrder();
    await client.publish(TOPIC, marker);
    await untilReceipt(marker.orderId);
    expect(await receiptsOf(order.orderId)).toBe(1);
    expect(await inboxHas(event.id)).toBe(true);
  });

  it('when another event about an already receipted order arrives, then no second receipt goes out', async () => {
    const order = anOrder();
    await client.publish(TOPIC, order);
    const republished = await client.publish(TOPIC, order);
    const marker = anOrder();
    await client.publish(TOPIC, marker);
    await untilReceipt(marker.orderId);
    expect(await receiptsOf(order.orderId)).toBe(1);
    expect(await inboxHas(republished.id)).toBe(true);
  });

  it('when an event contradicts the receipt already sent, then it is dead-lettered once with the contradiction and nothing is mailed', async () => {
    const order = anOrder();
    await client.publish(TOPIC, order);
    const forged = await client.publish(TOPIC, { ...order, learnerId: randomUUID() });
    const marker = anOrder();
    await client.publish(TOPIC, marker);
    await untilReceipt(marker.orderId);
    const parked = () => client.deadLetters.filter((m) => m.value?.toString().includes(forged.id));
    await expect
      .poll(() => parked().length, { timeout: 15_000, message: 'the DLQ has it' })
      .toBe(1);
    const [dead] = parked();
    expect(dead?.headers?.[DeadLetterHeaders.code]?.toString()).toBe('CONTRADICTION');
    expect(dead?.headers?.[DeadLetterHeaders.reason]?.toString()).toBe(
      `order ${order.orderId} was receipted to learner ${order.learnerId}; this event completes it for learner ${forged.data.learnerId}`,
    );
    expect(dead?.headers?.[DeadLetterHeaders.group]?.toString()).toBe(NOTIFICATION_CONSUMER_GROUP);
    const receipt = await service.db.receipt.findUniqueOrThrow({
      where: { orderId: order.orderId },
    });
    expect(receipt.learnerId).toBe(order.learnerId);
    expect(await inboxHas(forged.id)).toBe(false);
  });

  it('when several events arrive in one fetch, then one transaction commits them all, each with its inbox claim, and skips a duplicate among them', async () => {
    const events = [anOrder(), anOrder(), anOrder()].map((order) =>
      createEvent(TOPIC, order, { subject: order.orderId, correlationId: 'req-batch' }),
    );
    const [first, second, third] = events as [
      (typeof events)[number],
      (typeof events)[number],
      (typeof events)[number],
    ];
    // One send: one record batch, which the consumer's next fetch brings whole.
    await client.publishMessages(
      TOPIC,
      [first, second, second, third].map((event) => ({
        key: event.subject,
        value: Buffer.from(JSON.stringify(event)),
      })),
    );
    await untilReceipt(third.data.orderId);
    for (const event of events) expect(await receiptsOf(event.data.orderId)).toBe(1);
    // Rows written by one transaction share its id (xmin): the inbox claims and
    // the receipts of the three events were committed together.
    const [written] = await service.db.$queryRawUnsafe<{ transactions: number }[]>(
      `SELECT count(DISTINCT x)::int AS transactions FROM (
         SELECT xmin::text AS x FROM inbox_messages WHERE message_id = ANY($1::text[])
         UNION ALL
         SELECT xmin::text FROM receipts WHERE order_id::text = ANY($2::text[])) rows`,
      events.map((event) => event.id),
      events.map((event) => event.data.orderId),
    );
    expect(written?.transactions).toBe(1);
  });

  it('when a message is invalid, then it is dead-lettered with the reason and the next one is handled', async () => {
    const order = anOrder();
    const invalid = { ...order, totalMinor: -1 };
    const key = `bad-${order.orderId}`;
    await client.publishRaw(TOPIC, key, JSON.stringify({ specversion: '1.0', data: invalid }));
    const next = anOrder();
    await client.publish(TOPIC, next);
    await untilReceipt(next.orderId);
    await expect
      .poll(() => client.deadLetters.some((m) => m.key?.toString() === key), {
        timeout: 15_000,
        message: 'the DLQ has it',
      })
      .toBe(true);
    const dead = client.deadLetters.find((m) => m.key?.toString() === key)!;
    expect(dead.headers?.[DeadLetterHeaders.reason]?.toString()).toMatch(
      /^missing or empty attribute\(s\): id, source/,
    );
    expect(dead.headers?.[DeadLetterHeaders.group]?.toString()).toBe(NOTIFICATION_CONSUMER_GROUP);
  });

  it('when the database is down while a message arrives, then it is handled once the database returns', async () => {
    await service.postgres.down();
    const order = anOrder();
    const event = await client.publish(TOPIC, order);
    const notReady = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(notReady.json()).toMatchObject({ error: { database: { status: 'down' } } });
    // The consumer's own marker that this event met the outage and is being retried.
    await expect
      .poll(
        () =>
          service.logs.lines.some(
            (line) =>
              line.msg === 'a dependency is unavailable; retrying the message' &&
              line.eventId === event.id,
          ),
        { timeout: 30_000, message: 'the consumer retries the event while the database is down' },
      )
      .toBe(true);
    await service.postgres.up();
    await untilReceipt(order.orderId);
    expect(await receiptsOf(order.orderId)).toBe(1);
    expect(client.deadLetters.some((m) => m.key?.toString() === order.orderId)).toBe(false);
  }, 60_000);

  it('is ready with its database and its Kafka consumer up', async () => {
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      info: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  });
});
