import { CompressionTypes, type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAST_CONSUMER,
  startKafkaUnderTest,
  uniqueName,
  type KafkaUnderTest,
  onEachMessage,
} from '../support/kafka-under-test.js';

interface Received {
  partition: number;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
  timestamp: string;
}

async function consumeAll(client: Kafka, topic: string, count: number): Promise<Received[]> {
  const consumer = client.consumer({ groupId: uniqueName('reader'), ...FAST_CONSUMER });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received: Received[] = [];
  await consumer.run({
    eachMessage: onEachMessage(({ partition, message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
      );
      received.push({
        partition,
        key: message.key?.toString(),
        value: message.value?.toString(),
        headers,
        timestamp: message.timestamp,
      });
    }),
  });
  await expect
    .poll(() => received.length >= count, {
      timeout: 15_000,
      message: `${count} messages on ${topic}`,
    })
    .toBe(true);
  await consumer.disconnect();
  return received;
}

// Section 3: a producer's view.
describe('producing', () => {
  let kafka: KafkaUnderTest;
  beforeAll(async () => (kafka = await startKafkaUnderTest()));
  afterAll(() => kafka.stop());

  it.each([-1, 1, 0])('stores messages sent with acks=%i', async (acks) => {
    const client = kafka.client();
    const topic = uniqueName('acks');
    const producer = client.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    const result = await producer.send({ topic, acks, messages: [{ value: 'a' }, { value: 'b' }] });
    if (acks !== 0)
      expect(result[0]).toMatchObject({ topicName: topic, errorCode: 0, baseOffset: '0' });
    await producer.disconnect();
    expect((await consumeAll(client, topic, 2)).map((message) => message.value)).toEqual([
      'a',
      'b',
    ]);
  });

  it('round-trips keys, headers and timestamps across several partitions, with gzip', async () => {
    const client = kafka.client();
    const topic = uniqueName('rich');
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();
    const producer = client.producer();
    await producer.connect();
    const timestamp = String(Date.UTC(2024, 0, 2, 3, 4, 5));
    const messages = Array.from({ length: 30 }, (_, index) => ({
      key: `key-${index % 5}`,
      value: `value-${index}`,
      partition: index % 3,
      timestamp,
      headers: { index: String(index) },
    }));
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages });
    await producer.disconnect();
    const received = await consumeAll(client, topic, 30);
    expect(new Set(received.map((message) => message.partition))).toEqual(new Set([0, 1, 2]));
    for (const message of received) {
      const index = Number(message.headers.index);
      expect(message).toEqual({
        partition: index % 3,
        key: `key-${index % 5}`,
        value: `value-${index}`,
        headers: { index: String(index) },
        timestamp,
      });
    }
  });

  it('creates a topic on first send when auto-creation is on', async () => {
    const client = kafka.client();
    const topic = uniqueName('auto');
    const producer = client.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'first' }] });
    await producer.disconnect();
    const admin = client.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain(topic);
    await admin.disconnect();
  });
});
