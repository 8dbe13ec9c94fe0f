import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAST_CONSUMER,
  startKafkaUnderTest,
  uniqueName,
  type KafkaUnderTest,
  onEachBatch,
  onEachMessage,
} from '../support/kafka-under-test.js';

// Section 5: a consumer's view.
describe('consuming', () => {
  let kafka: KafkaUnderTest;
  beforeAll(async () => (kafka = await startKafkaUnderTest()));
  afterAll(() => kafka.stop());

  async function topicWith(count: number, partitions = 1, valueBytes = 8): Promise<string> {
    const topic = uniqueName('consume');
    const admin = kafka.client().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
    await admin.disconnect();
    await produce(topic, count, valueBytes, 0);
    return topic;
  }

  async function produce(topic: string, count: number, valueBytes = 8, from = 0): Promise<void> {
    const producer = kafka.client().producer();
    await producer.connect();
    const messages = Array.from({ length: count }, (_, index) => ({
      value: String(from + index).padEnd(valueBytes, '.'),
    }));
    await producer.send({ topic, messages });
    await producer.disconnect();
  }

  it('starts at the beginning or only sees new messages, as fromBeginning says', async () => {
    const topic = await topicWith(3);
    const early = kafka.client().consumer({ groupId: uniqueName('early'), ...FAST_CONSUMER });
    const late = kafka.client().consumer({ groupId: uniqueName('late'), ...FAST_CONSUMER });
    const seen = { early: [] as string[], late: [] as string[] };
    for (const [name, consumer] of [
      ['early', early],
      ['late', late],
    ] as const) {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: name === 'early' });
      let joined = false;
      let fetched = false;
      consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
      // A fetch follows offset resolution: the late consumer then knows "latest".
      consumer.on(consumer.events.FETCH, () => (fetched = true));
      await consumer.run({
        eachMessage: onEachMessage(({ message }) =>
          seen[name].push(message.value!.toString().replace(/\.+$/, '')),
        ),
      });
      await expect
        .poll(() => joined && fetched, { timeout: 10_000, message: `${name} consumer to fetch` })
        .toBe(true);
    }
    await produce(topic, 1, 8, 3);
    await expect
      .poll(() => seen.early.length === 4 && seen.late.length === 1, {
        timeout: 10_000,
        message: 'both consumers',
      })
      .toBe(true);
    expect(seen).toEqual({ early: ['0', '1', '2', '3'], late: ['3'] });
    await early.disconnect();
    await late.disconnect();
  });

  it('delivers with eachBatch, including a batch larger than maxBytesPerPartition', async () => {
    const topic = await topicWith(20, 1, 4096); // one 80 KiB batch
    const consumer = kafka
      .client()
      .consumer({ groupId: uniqueName('batch'), ...FAST_CONSUMER, maxBytesPerPartition: 1024 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const offsets: string[] = [];
    await consumer.run({
      eachBatch: onEachBatch(({ batch }) =>
        offsets.push(...batch.messages.map((message) => message.offset)),
      ),
    });
    await expect
      .poll(() => offsets.length === 20, { timeout: 10_000, message: 'the oversized batch' })
      .toBe(true);
    expect(offsets).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
    await consumer.disconnect();
  });

  it('seeks, pauses and resumes', async () => {
    const topic = await topicWith(10);
    const consumer = kafka.client().consumer({ groupId: uniqueName('seek'), ...FAST_CONSUMER });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const offsets: number[] = [];
    let fetches = 0;
    consumer.on(consumer.events.FETCH, () => fetches++);
    await consumer.run({
      eachMessage: onEachMessage(({ message }) => offsets.push(Number(message.offset))),
    });
    await expect
      .poll(() => offsets.length === 10, { timeout: 10_000, message: 'the first pass' })
      .toBe(true);
    consumer.seek({ topic, partition: 0, offset: '7' });
    await expect
      .poll(() => offsets.length === 13, { timeout: 10_000, message: 'the re-read after seek' })
      .toBe(true);
    expect(offsets.slice(10)).toEqual([7, 8, 9]);

    consumer.pause([{ topic }]);
    await produce(topic, 2, 8, 10);
    // Two fetches after the produce went by while paused: it kept polling and took nothing.
    const fetchesAfterProduce = fetches;
    await expect
      .poll(() => fetches - fetchesAfterProduce, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    expect(offsets).toHaveLength(13);
    consumer.resume([{ topic }]);
    await expect
      .poll(() => offsets.length === 15, { timeout: 10_000, message: 'messages after resume' })
      .toBe(true);
    await consumer.disconnect();
  });

  it('resumes a restarted group at its committed offsets', async () => {
    const topic = await topicWith(5);
    const groupId = uniqueName('resume');
    const first = kafka.client().consumer({ groupId, ...FAST_CONSUMER });
    await first.connect();
    await first.subscribe({ topic, fromBeginning: true });
    let firstCount = 0;
    await first.run({ eachMessage: onEachMessage(() => firstCount++) });
    await expect
      .poll(() => firstCount === 5, { timeout: 10_000, message: 'the first five' })
      .toBe(true);
    await first.disconnect(); // commits on the way out

    await produce(topic, 3, 8, 5);
    const second = kafka.client().consumer({ groupId, ...FAST_CONSUMER });
    await second.connect();
    await second.subscribe({ topic, fromBeginning: true });
    const values: string[] = [];
    await second.run({
      eachMessage: onEachMessage(({ message }) =>
        values.push(message.value!.toString().replace(/\.+$/, '')),
      ),
    });
    await expect
      .poll(() => values.includes('7'), { timeout: 10_000, message: 'the last new message' })
      .toBe(true);
    // One partition, read in order: a re-read of 0–4 would have come before 5.
    expect(values).toEqual(['5', '6', '7']);
    await second.disconnect();
  });
});
