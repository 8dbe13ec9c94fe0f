import { randomUUID } from 'node:crypto';
import { start as startAmqpBroker } from '@shop/amqp-broker';
import { createEvent } from '@shop/contracts';
import { start as startKafkaBroker } from '@shop/kafka-broker';
import { connect, type ConsumeMessage } from 'amqplib';
import { KafkaTestClient } from '@shop/messaging/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKOUT_CONSUMER_GROUP } from '../src/app.module.js';
import { CompleteOrderHandler } from '../src/orders/complete-order/complete-order.handler.js';
import { ensureTopics } from '@shop/messaging';
import {
  COURSES,
  orderStatusOf,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

// checkout's relay and Kafka consumer, started with the app, against the embedded brokers.
let amqp: Awaited<ReturnType<typeof startAmqpBroker>>;
let kafkaBroker: Awaited<ReturnType<typeof startKafkaBroker>>;
let checkout: CheckoutTestApp;
const received: ConsumeMessage[] = [];
let closeAmqp: () => Promise<void>;
let enrollment: KafkaTestClient;

beforeAll(async () => {
  [amqp, kafkaBroker] = await Promise.all([
    startAmqpBroker({ port: 0 }),
    startKafkaBroker({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'silent' }),
  ]);
  // enrollment's side of the command channel: the exchange and its bound queue.
  const connection = await connect(amqp.url);
  const channel = await connection.createChannel();
  await channel.assertExchange('enrollment.commands', 'direct', { durable: true });
  await channel.assertQueue('enrollment.grant-seat', { durable: true });
  await channel.bindQueue('enrollment.grant-seat', 'enrollment.commands', 'enrollment.grant-seat');
  await channel.consume('enrollment.grant-seat', (m) => m && received.push(m), { noAck: true });
  closeAmqp = () => connection.close();
  checkout = await startCheckoutTestApp(
    {
      OUTBOX_RELAY_ENABLED: 'true',
      OUTBOX_POLL_INTERVAL_MS: '200',
      AMQP_URL: amqp.url,
      KAFKA_BROKERS: kafkaBroker.address,
    },
    { consumeFrom: kafkaBroker.address },
  );
  enrollment = new KafkaTestClient(kafkaBroker.address);
  await enrollment.connect('enrollment.seat-rejected.v1', CHECKOUT_CONSUMER_GROUP);
  // The consumer takes a moment to join its group (expect.poll cannot run in a hook).
  await vi.waitFor(
    async () => {
      const ready = await checkout.app.inject({ method: 'GET', url: '/health/ready' });
      if (ready.statusCode !== 200) throw new Error(`checkout not ready: ${ready.statusCode}`);
    },
    { timeout: 30_000, interval: 100 },
  );
}, 60_000);
afterAll(async () => {
  await enrollment.disconnect();
  await checkout.stop();
  await closeAmqp();
  await Promise.all([amqp.stop(), kafkaBroker.stop()]);
});

// vi.waitFor retries until the callback stops throwing, then returns its value.
const found = <T>(probe: () => T | undefined, timeout = 10_000): Promise<T> =>
  vi.waitFor(
    () => {
      const value = probe();
      if (value === undefined) throw new Error('not there yet');
      return value;
    },
    { timeout },
  );

async function firstRecord(topic: string, subject?: string): Promise<KafkaMessage> {
  const kafka = new Kafka({
    clientId: 'test-reader',
    brokers: [kafkaBroker.address],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await consumer.connect();
  try {
    const records: KafkaMessage[] = [];
    // Kafka refuses a subscribe to a topic that does not exist yet.
    await ensureTopics(kafka, [topic]);
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => Promise.resolve(void records.push(message)),
    });
    return await found(
      () => records.find((r) => subject === undefined || r.key?.toString() === subject),
      20_000,
    );
  } finally {
    await consumer.disconnect();
  }
}

async function placeOrder(): Promise<{ id: string; learnerId: string; paymentId: string }> {
  const placed = await checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      'idempotency-key': randomUUID(),
      authorization: await checkout.authorization(randomUUID()),
    },
    payload: { courseIds: [COURSES.messaging] },
  });
  return placed.json();
}

const statusOf = (id: string) => orderStatusOf(checkout.db, id);

const untilStatus = (id: string, status: string) =>
  expect
    .poll(() => statusOf(id), { timeout: 20_000, message: `order ${id} reaches ${status}` })
    .toBe(status);

const rejection = (order: { id: string; learnerId: string }) =>
  createEvent(
    'enrollment.seat-rejected.v1',
    {
      orderId: order.id,
      learnerId: order.learnerId,
      courseId: COURSES.messaging,
      reason: 'COURSE_FULL',
    },
    { subject: order.id, correlationId: 'corr-kafka' },
  );

describe('checkout Kafka consumer', () => {
  it('compensates once for a seat-rejected event delivered twice, and publishes order.cancelled', async () => {
    const order = await placeOrder();
    const event = rejection(order);
    await enrollment.publishEvent(event);
    await enrollment.publishEvent(event);

    await untilStatus(order.id, 'CANCELLED');
    const cancelled = await firstRecord('order.cancelled.v1', order.id);
    expect(JSON.parse(cancelled.value?.toString() ?? '')).toMatchObject({
      data: { orderId: order.id, reason: 'COURSE_FULL' },
    });
    // A later rejection on the same partition: once it is handled, so was the duplicate.
    const marker = await placeOrder();
    await enrollment.publishEvent(rejection(marker));
    await untilStatus(marker.id, 'CANCELLED');
    expect(
      checkout.payments.refundCalls.filter((r) => r.paymentId === order.paymentId),
    ).toHaveLength(1);
  }, 30_000);

  it('keeps a seat-rejected event while the refund is unavailable and compensates once payment is back', async () => {
    const order = await placeOrder();
    checkout.payments.refundDown = true;
    await enrollment.publishEvent(rejection(order));
    // A second refund attempt proves the event was kept and retried, not dropped.
    await expect
      .poll(
        () => checkout.payments.refundCalls.filter((r) => r.paymentId === order.paymentId).length,
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThanOrEqual(2);
    expect(await statusOf(order.id)).toBe('ENROLLING');
    checkout.payments.refundDown = false;

    await untilStatus(order.id, 'CANCELLED');
    expect(enrollment.deadLetters).toEqual([]);
  }, 30_000);

  it('dead-letters an invalid seat-rejected message with the reason, and goes on', async () => {
    await enrollment.publishRaw('enrollment.seat-rejected.v1', 'k', '{"not":"a cloudevent"}');
    const dead = await found(() => enrollment.deadLetters[0], 20_000);
    expect(dead.headers?.['x-dead-letter-reason']?.toString()).toMatch(/CloudEvent|specversion/);
  }, 30_000);
});

describe('checkout outbox relay', () => {
  it('sends the grant-seat command to enrollment.commands, then order.completed to Kafka keyed by the order id', async () => {
    const key = randomUUID();
    const placed = await checkout.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: {
        'idempotency-key': key,
        authorization: await checkout.authorization(randomUUID()),
      },
      payload: { courseIds: [COURSES.grpc] },
    });
    const { id, learnerId } = placed.json<{ id: string; learnerId: string }>();

    const command = await found(() => received.find((m) => m.properties.messageId === key));
    expect(command.properties.contentType).toBe('application/cloudevents+json');
    expect(JSON.parse(command.content.toString())).toMatchObject({
      id: key,
      data: { orderId: id },
    });

    await checkout.app.get(CompleteOrderHandler).execute(
      createEvent(
        'enrollment.seat-granted.v1',
        {
          orderId: id,
          learnerId,
          enrollments: [{ courseId: COURSES.grpc, enrollmentId: randomUUID() }],
        },
        { subject: id, correlationId: 'corr-relay' },
      ),
    );
    const record = await firstRecord('order.completed.v1', id);
    expect(record.key?.toString()).toBe(id);
    expect(JSON.parse(record.value?.toString() ?? '')).toMatchObject({
      type: 'com.shop.order.completed.v1',
      subject: id,
      correlationid: 'corr-relay',
    });
    // The relay marks a row sent after the broker acknowledged it, so a reader
    // can see the record a moment before the mark commits.
    await expect
      .poll(
        async () =>
          (
            await checkout.db.query<{ unsent: number }>(
              'SELECT count(*)::int AS unsent FROM outbox_messages WHERE sent_at IS NULL',
            )
          ).rows[0],
        { timeout: 15_000 },
      )
      .toEqual({ unsent: 0 });
  }, 30_000);

  it('reports the outbox and the consumer in readiness', async () => {
    const ready = await checkout.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      info: { database: { status: 'up' }, outbox: { status: 'up' } },
    });
  }, 30_000);
});
