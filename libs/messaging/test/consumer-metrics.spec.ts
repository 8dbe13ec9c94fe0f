import { createEvent } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { start, type RunningBroker } from '@shop/kafka-broker';
import { metricsExposition } from '@shop/metrics';
import { parseExposition, valueOf } from '@shop/metrics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaTestClient } from '../src/testing/index.js';
import { startConsumerTestApp, type ConsumerTestApp } from './support/consumer-test.app.js';

const TOPIC = 'order.completed.v1';
const GROUP = 'metrics-test';
const consumer = {
  messaging_system: 'kafka',
  messaging_destination_name: TOPIC,
  messaging_consumer_group_name: GROUP,
};
const processed = async (outcome: string) =>
  valueOf(parseExposition(await metricsExposition()), 'messaging_process_duration_count', {
    ...consumer,
    shop_messaging_outcome: outcome,
  });
const deadLettered = async (code: string) =>
  valueOf(parseExposition(await metricsExposition()), 'shop_messaging_dead_lettered_total', {
    ...consumer,
    shop_messaging_dead_letter_code: code,
  });

describe('consumer metrics of an EventConsumer on a real Kafka consumer group', () => {
  let broker: RunningBroker;
  let client: KafkaTestClient;
  let service: ConsumerTestApp;

  beforeAll(async () => {
    broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'warn' });
    client = new KafkaTestClient(broker.address);
    await client.connect(TOPIC, GROUP);
    service = await startConsumerTestApp(broker.address, GROUP, {
      maxAttempts: 2,
      initialDelayMs: 10,
      maxDelayMs: 20,
    });
  }, 30_000);
  afterAll(async () => {
    await service.app.close();
    await client.disconnect();
    await broker.stop();
  });

  it('counts and times each message by outcome: handled, or dead-lettered under the code of its reason', async () => {
    const valid = await client.publishOrderCompleted();
    await expect.poll(() => processed('handled'), { timeout: 15_000 }).toBe(1);
    expect(service.probe.handled.map((h) => h.id)).toContain(valid.id);

    await client.publishRaw(TOPIC, 'order-invalid', '{"specversion":"1.0"}');
    await expect.poll(() => processed('dead_lettered'), { timeout: 15_000 }).toBe(1);
    expect(await deadLettered('INVALID_ENVELOPE')).toBe(1);

    const data = messageExamples['order.completed.v1'];
    const failing = createEvent('order.completed.v1', data, {
      subject: data.orderId,
      correlationId: 'req-metrics',
    });
    service.probe.failNext(failing.id, 10, () => new Error('the handler is broken'));
    await client.publishEvent(failing);
    await expect.poll(() => deadLettered('HANDLER_FAILED'), { timeout: 15_000 }).toBe(1);
    expect(await processed('dead_lettered')).toBe(2);

    const text = await metricsExposition();
    for (const id of [valid.id, failing.id]) expect(text).not.toContain(id);
  });

  it('shows the group falling behind while a message is stuck, and catching up once it is handled', async () => {
    const lag = async () =>
      valueOf(parseExposition(await metricsExposition()), 'messaging_kafka_consumer_lag', {
        messaging_consumer_group_name: GROUP,
        messaging_destination_name: TOPIC,
      });
    await expect.poll(lag, { timeout: 15_000 }).toBe(0);

    const data = messageExamples['order.completed.v1'];
    const stuck = createEvent('order.completed.v1', data, {
      subject: data.orderId,
      correlationId: 'req-lag',
    });
    // A dependency that stays away: the handler is retried, the offset not committed.
    service.probe.failNext(stuck.id, 1_000_000, () =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
    await client.publishEvent(stuck);
    for (let i = 0; i < 3; i++) await client.publishOrderCompleted();
    await expect.poll(lag, { timeout: 15_000 }).toBe(4);

    service.probe.failNext(stuck.id, 0, () => new Error('never thrown'));
    await expect.poll(lag, { timeout: 15_000 }).toBe(0);
    expect(service.probe.handled.map((h) => h.id)).toContain(stuck.id);
  });
});
