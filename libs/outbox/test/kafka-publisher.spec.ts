import { start as startKafkaBroker } from '@shop/kafka-broker';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { KafkaPublisher, OutboxRelay } from '../src/index.js';
import { quickKafka, readTopic, reservePort } from './support/brokers.js';
import {
  enqueueCommitted,
  orderEvent,
  rowStates,
  startOutboxDatabase,
  type OutboxDatabase,
} from './support/outbox-database.js';

let db: OutboxDatabase;

beforeAll(async () => {
  db = await startOutboxDatabase();
});
afterAll(async () => {
  await db.stop();
});
beforeEach(async () => {
  await db.pool.query('DELETE FROM outbox_messages');
});

async function startKafka(port = 0) {
  const broker = await startKafkaBroker({ port, initialRebalanceDelayMs: 0, logLevel: 'silent' });
  onTestFinished(() => broker.stop());
  return broker;
}

async function startRelay(address: string): Promise<OutboxRelay> {
  const relay = new OutboxRelay({
    pool: db.pool,
    publishers: { KAFKA: new KafkaPublisher(quickKafka(address)) },
    pollIntervalMs: 100,
    retryBackoff: { initialMs: 100, maxMs: 400 },
  });
  await relay.start();
  onTestFinished(() => relay.stop());
  return relay;
}

const eventId = (record: KafkaMessage): string =>
  (JSON.parse(record.value!.toString()) as { id: string }).id;

describe('KafkaPublisher', () => {
  it('delivers a committed row once: key = message key, value = the CloudEvent, headers from the row', async () => {
    const broker = await startKafka();
    await startRelay(broker.address);
    const message = orderEvent('order-1', 7, { transport: 'KAFKA', topic: 'order.completed.v1' });
    await enqueueCommitted(db.pool, message);
    // Marked sent: the relay is done with the row, so any duplicate is in the log by now.
    await expect
      .poll(async () => (await rowStates(db.pool))[0]?.sent_at ?? null, { timeout: 10_000 })
      .toBeInstanceOf(Date);

    const records = await readTopic(quickKafka(broker.address), 'order.completed.v1', 1);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.key?.toString()).toBe('order-1');
    expect(JSON.parse(record!.value!.toString())).toEqual(message.payload);
    expect(record?.headers?.['x-test-seq']?.toString()).toBe('7');
    expect(record?.headers?.['content-type']?.toString()).toBe('application/cloudevents+json');
    expect((await rowStates(db.pool))[0]?.sent_at).toBeInstanceOf(Date);
  });

  it('keeps rows unsent with growing attempts while Kafka is down, then delivers each once, in key order', async () => {
    const port = await reservePort();
    const relay = await startRelay(`127.0.0.1:${port}`);
    const enqueued: string[] = [];
    for (let seq = 0; seq < 4; seq++) {
      for (const key of ['order-a', 'order-b', 'order-c']) {
        const message = orderEvent(key, seq, { transport: 'KAFKA', topic: 'order.cancelled.v1' });
        await enqueueCommitted(db.pool, message);
        enqueued.push(message.payload.id);
      }
    }

    // Only the head of each key is tried; it fails, backs off, and is tried again.
    await expect
      .poll(async () => (await rowStates(db.pool)).filter((r) => r.attempts >= 2).length === 3, {
        timeout: 20_000,
      })
      .toBe(true);
    const rows = await rowStates(db.pool);
    expect(rows.every((r) => r.sent_at === null)).toBe(true);
    expect(rows.filter((r) => r.attempts > 0)).toHaveLength(3);
    expect((await relay.lag()).unsent).toBe(12);

    const broker = await startKafka(port);
    await expect.poll(async () => (await relay.lag()).unsent === 0, { timeout: 20_000 }).toBe(true);

    const records = await readTopic(quickKafka(broker.address), 'order.cancelled.v1', 12);
    expect(records.map(eventId).sort()).toEqual([...enqueued].sort());
    for (const key of ['order-a', 'order-b', 'order-c']) {
      const seqs = records
        .filter((r) => r.key?.toString() === key)
        .map((r) => r.headers?.['x-test-seq']?.toString());
      expect(seqs).toEqual(['0', '1', '2', '3']);
    }
  });
});
