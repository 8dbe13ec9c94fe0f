import { randomUUID } from 'node:crypto';
import { start, type RunningBroker } from '@shop/kafka-broker';
import { createEvent, DeadLetterHeaders, type ShopEvent } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsumerTestApp, type ConsumerTestApp } from './support/consumer-test.app.js';
import { MemoryStore, StoreProbe } from './support/memory-store.js';
import { KafkaTestClient } from '../src/testing/index.js';

const TOPIC = 'order.completed.v1';
const GROUP = 'batch-test';

type OrderCompleted = ShopEvent<'order.completed.v1'>;

function anEvent(orderId: string = randomUUID()): OrderCompleted {
  return createEvent(
    'order.completed.v1',
    { ...messageExamples[TOPIC], orderId },
    { subject: orderId, correlationId: `req-${orderId}` },
  );
}

const asMessage = (event: OrderCompleted) => ({
  key: event.subject,
  value: Buffer.from(JSON.stringify(event)),
});

// The test broker has one partition per topic, and a single `send` lands as
// one record batch: the consumer's next fetch brings all of it at once.
describe('KafkaBatchRunner: several messages per transaction, on a real Kafka consumer group', () => {
  let broker: RunningBroker;
  let client: KafkaTestClient;
  let service: ConsumerTestApp;
  const store = new MemoryStore();
  const probe = new StoreProbe(store);

  beforeAll(async () => {
    broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'warn' });
    client = new KafkaTestClient(broker.address);
    await client.connect(TOPIC, GROUP);
    service = await startConsumerTestApp(
      broker.address,
      GROUP,
      { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50 },
      probe,
    );
  }, 60_000);
  afterAll(async () => {
    await service.app.close();
    await client.disconnect();
    await broker.stop();
  });

  const untilApplied = (event: OrderCompleted) =>
    expect
      .poll(() => store.effectsOf(event.id), {
        timeout: 20_000,
        message: `event ${event.id} is applied`,
      })
      .toBe(1);

  // First: it also waits for the group to have joined.
  it('handles a message that arrives alone at once, in a transaction of its own', async () => {
    const alone = anEvent();
    await client.publishEvent(alone);
    await expect
      .poll(() => store.effectsOf(alone.id), { timeout: 30_000, message: 'the event is applied' })
      .toBe(1);
    expect(store.commits).toBe(1);
  });

  it('commits the messages of one fetch in one transaction, and the inbox skips a duplicate inside it', async () => {
    const [a, b, c, d] = [anEvent(), anEvent(), anEvent(), anEvent()];
    const commits = store.commits;
    const duplicates = store.duplicates;
    await client.publishMessages(TOPIC, [a, b, c, b, d].map(asMessage));
    await untilApplied(d);
    expect([a, b, c, d].map((e) => store.effectsOf(e.id))).toEqual([1, 1, 1, 1]);
    expect(store.duplicates - duplicates).toBe(1);
    // One per message before batching: five.
    expect(store.commits - commits).toBe(1);
  });

  it('applies one key’s events in their order across a batch', async () => {
    const orderId = randomUUID();
    const events = Array.from({ length: 20 }, () => anEvent(orderId));
    const commits = store.commits;
    await client.publishMessages(TOPIC, events.map(asMessage));
    await untilApplied(events.at(-1)!);
    const applied = store.effects.filter((e) => e.subject === orderId).map((e) => e.id);
    expect(applied).toEqual(events.map((e) => e.id));
    expect(store.commits - commits).toBe(1);
  });

  it('dead-letters a poison message in the middle with its reason, and the others of its batch commit once', async () => {
    const [before, refused, after, last] = [anEvent(), anEvent(), anEvent(), anEvent()];
    probe.contradicts(refused.id);
    const invalidKey = `poison-${randomUUID()}`;
    await client.publishMessages(TOPIC, [
      asMessage(before),
      { key: invalidKey, value: Buffer.from('not json') },
      asMessage(refused),
      asMessage(after),
      asMessage(last),
    ]);
    await untilApplied(last);
    expect([before, after, last].map((e) => store.effectsOf(e.id))).toEqual([1, 1, 1]);
    expect(store.effectsOf(refused.id)).toBe(0);
    await expect
      .poll(
        () =>
          client.deadLetters.filter(
            (m) =>
              m.key?.toString() === invalidKey || m.value?.toString().includes(refused.id) === true,
          ).length,
        { timeout: 15_000, message: 'both poison messages are dead-lettered' },
      )
      .toBe(2);
    const invalid = client.deadLetters.find((m) => m.key?.toString() === invalidKey)!;
    expect(invalid.headers?.[DeadLetterHeaders.code]?.toString()).toBe('MALFORMED_JSON');
    const contradiction = client.deadLetters.find((m) => m.value?.toString().includes(refused.id))!;
    expect(contradiction.headers?.[DeadLetterHeaders.code]?.toString()).toBe('CONTRADICTION');
    expect(contradiction.headers?.[DeadLetterHeaders.reason]?.toString()).toBe(
      `event ${refused.id} contradicts`,
    );
    expect(contradiction.headers?.[DeadLetterHeaders.group]?.toString()).toBe(GROUP);
  });

  it('when the commit’s reply is lost, the batch comes again and the inbox keeps every effect single', async () => {
    const events = [anEvent(), anEvent(), anEvent()];
    const duplicates = store.duplicates;
    store.lostCommitReplies = 1;
    await client.publishMessages(TOPIC, events.map(asMessage));
    await expect
      .poll(() => store.duplicates - duplicates, {
        timeout: 20_000,
        message: 'each message came again and was skipped',
      })
      .toBe(3);
    expect(events.map((e) => store.effectsOf(e.id))).toEqual([1, 1, 1]);
    // Handled: a later message is applied behind them.
    const marker = anEvent();
    await client.publishEvent(marker);
    await untilApplied(marker);
  });
});
