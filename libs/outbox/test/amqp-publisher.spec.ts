import { start as startAmqpBroker } from '@shop/amqp-broker';
import { connect, type ConsumeMessage } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { AmqpPublisher, OutboxRelay } from '../src/index.js';
import {
  enqueueCommitted,
  orderEvent,
  rowStates,
  startOutboxDatabase,
  type OutboxDatabase,
} from './support/outbox-database.js';

const EXCHANGE = 'enrollment.commands';
let db: OutboxDatabase;
let broker: Awaited<ReturnType<typeof startAmqpBroker>>;

beforeAll(async () => {
  [db, broker] = await Promise.all([startOutboxDatabase(), startAmqpBroker({ port: 0 })]);
});
afterAll(async () => {
  await Promise.all([db.stop(), broker.stop()]);
});

async function startRelay(): Promise<OutboxRelay> {
  const relay = new OutboxRelay({
    pool: db.pool,
    publishers: { AMQP: new AmqpPublisher({ url: broker.url }) },
    pollIntervalMs: 100,
    retryBackoff: { initialMs: 50, maxMs: 200 },
  });
  await relay.start();
  onTestFinished(() => relay.stop());
  return relay;
}

/** Declares the exchange and a queue; binds the queue now or when `bind` is called. */
async function commandQueue(queue: string, routingKey: string, { bound = true } = {}) {
  const connection = await connect(broker.url);
  onTestFinished(() => connection.close());
  const channel = await connection.createChannel();
  await channel.assertExchange(EXCHANGE, 'direct', { durable: true });
  await channel.assertQueue(queue, { durable: true });
  const bind = () => channel.bindQueue(queue, EXCHANGE, routingKey);
  if (bound) await bind();
  const received: ConsumeMessage[] = [];
  await channel.consume(
    queue,
    (message) => {
      if (message) received.push(message);
    },
    { noAck: true },
  );
  return { received, bind };
}

describe('AmqpPublisher', () => {
  it('publishes persistent, confirmed, with the CloudEvent id as message id and the row headers', async () => {
    const { received } = await commandQueue('enrollment.grant-seat', 'enrollment.grant-seat');
    await startRelay();
    const message = orderEvent('order-1', 3, {
      transport: 'AMQP',
      exchange: EXCHANGE,
      routingKey: 'enrollment.grant-seat',
    });
    await enqueueCommitted(db.pool, message);

    await expect.poll(() => received.length === 1, { timeout: 10_000 }).toBe(true);
    const [delivered] = received;
    expect(delivered?.fields).toMatchObject({
      exchange: EXCHANGE,
      routingKey: 'enrollment.grant-seat',
    });
    expect(delivered?.properties).toMatchObject({
      messageId: message.payload.id,
      contentType: 'application/cloudevents+json',
      deliveryMode: 2,
      headers: { 'x-test-seq': '3' },
    });
    expect(JSON.parse(delivered!.content.toString())).toEqual(message.payload);
    await expect
      .poll(async () => (await rowStates(db.pool)).every((r) => r.sent_at !== null), {
        timeout: 10_000,
      })
      .toBe(true);
  });

  it('treats an unroutable message as failed and retries it until a queue is bound', async () => {
    const { received, bind } = await commandQueue('unbound-queue', 'unbound.key', { bound: false });
    await startRelay();
    const id = await enqueueCommitted(
      db.pool,
      orderEvent('order-2', 1, {
        transport: 'AMQP',
        exchange: EXCHANGE,
        routingKey: 'unbound.key',
      }),
    );

    await expect
      .poll(async () => ((await rowStates(db.pool)).find((r) => r.id === id)?.attempts ?? 0) >= 2, {
        timeout: 10_000,
      })
      .toBe(true);
    expect((await rowStates(db.pool)).find((r) => r.id === id)?.sent_at).toBeNull();
    expect(received).toHaveLength(0);

    await bind();
    await expect.poll(() => received.length === 1, { timeout: 10_000 }).toBe(true);
    await expect
      .poll(async () => (await rowStates(db.pool)).find((r) => r.id === id)?.sent_at !== null, {
        timeout: 10_000,
      })
      .toBe(true);
  });
});
