import { CompressionTypes, type Kafka } from 'kafkajs';
import {
  FAST_CONSUMER,
  SHARED_BROKER_LIMITS,
  onEachMessage,
  waitFor,
} from '../../support/kafka-under-test.js';
import {
  byPartition,
  outcome,
  type Scenario,
  type ScenarioContext,
} from '../../support/scenario.js';

interface Received {
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
  timestamp: string;
}

export async function consumeAll(
  ctx: ScenarioContext,
  client: Kafka,
  topic: string,
  count: number,
): Promise<Received[]> {
  const consumer = await ctx.consumer(
    { groupId: ctx.name(`reader-${topic}`), ...FAST_CONSUMER },
    client,
  );
  await consumer.subscribe({ topic, fromBeginning: true });
  const received: Received[] = [];
  await consumer.run({
    eachMessage: onEachMessage(({ partition, message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
      );
      received.push({
        partition,
        offset: message.offset,
        key: message.key?.toString(),
        value: message.value?.toString(),
        headers,
        timestamp: message.timestamp,
      });
    }),
  });
  await waitFor(() => received.length >= count, 30_000, `${count} messages on ${topic}`);
  await consumer.disconnect();
  return received.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

const acksScenario = (acks: number): Scenario => ({
  name: `stores messages sent with acks=${acks}`,
  async run(ctx) {
    const client = ctx.client();
    const topic = ctx.name('acks');
    const producer = await ctx.producer({ allowAutoTopicCreation: true }, client);
    const result = await producer.send({ topic, acks, messages: [{ value: 'a' }, { value: 'b' }] });
    const values = (await consumeAll(ctx, client, topic, 2)).map((message) => message.value);
    return { result, values };
  },
});

// Payload bytes that, with kafkajs's framing, land clearly on either side of the limit.
const LIMIT = SHARED_BROKER_LIMITS.maxBatchBytes;

// A producer's view.
export const producerScenarios: Scenario[] = [
  acksScenario(-1),
  acksScenario(1),
  acksScenario(0),
  {
    name: 'round-trips keys, headers and timestamps across several partitions, with gzip',
    async run(ctx) {
      const client = ctx.client();
      const topic = ctx.name('rich');
      const admin = await ctx.admin(client);
      await ctx.createTopics([{ topic, numPartitions: 3 }], admin);
      const producer = await ctx.producer({}, client);
      const timestamp = String(Date.UTC(2024, 0, 2, 3, 4, 5));
      const messages = Array.from({ length: 30 }, (_, index) => ({
        key: index % 7 === 0 ? null : `key-${index % 5}`,
        value: `value-${index}`,
        partition: index % 3,
        timestamp,
        headers: { index: String(index), ...(index % 2 ? { odd: 'yes' } : {}) },
      }));
      const sent = await producer.send({ topic, compression: CompressionTypes.GZIP, messages });
      return { sent: byPartition(sent), received: await consumeAll(ctx, client, topic, 30) };
    },
  },
  {
    name: 'creates a topic with the default partition count on first send',
    async run(ctx) {
      const client = ctx.client();
      const topic = ctx.name('auto');
      const producer = await ctx.producer({ allowAutoTopicCreation: true }, client);
      const sent = await producer.send({ topic, messages: [{ value: 'first' }] });
      const admin = await ctx.admin(client);
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return { sent, partitions: topics[0]?.partitions.length };
    },
  },
  {
    name: 'refuses a record batch above the broker limit with MESSAGE_TOO_LARGE and keeps one below',
    async run(ctx) {
      const client = ctx.client({ retry: { retries: 1 } });
      const topic = ctx.name('large');
      const admin = await ctx.admin(client);
      await ctx.createTopics([{ topic }], admin);
      const producer = await ctx.producer({}, client);
      const single = (bytes: number) => [{ value: Buffer.alloc(bytes, 0x61) }];
      const below = await outcome(producer.send({ topic, messages: single(LIMIT - 1024) }));
      const above = await outcome(producer.send({ topic, messages: single(LIMIT + 1024) }));
      // Many small records that add up to more than the limit in one batch.
      const many = Array.from({ length: 40 }, () => ({ value: Buffer.alloc(LIMIT / 32, 0x62) }));
      const summed = await outcome(producer.send({ topic, messages: many }));
      // Compressed, the same records fit: the limit is on the batch as sent.
      const compressed = await outcome(
        producer.send({ topic, compression: CompressionTypes.GZIP, messages: many }),
      );
      return { below, above, summed, compressed, offsets: await admin.fetchTopicOffsets(topic) };
    },
  },
  {
    name: 'fails a send to a partition the topic does not have, and to an unknown topic when auto-creation is off',
    async run(ctx) {
      const client = ctx.client({ retry: { retries: 1 } });
      const topic = ctx.name('two');
      const admin = await ctx.admin(client);
      await ctx.createTopics([{ topic, numPartitions: 2 }], admin);
      const producer = await ctx.producer({ allowAutoTopicCreation: false }, client);
      const badPartition = await outcome(
        producer.send({ topic, messages: [{ value: 'x', partition: 5 }] }),
      );
      const unknownTopic = await outcome(
        producer.send({ topic: ctx.name('nowhere'), messages: [{ value: 'x' }] }),
      );
      return {
        badPartition,
        unknownTopic,
        listed: (await admin.listTopics()).includes(ctx.name('nowhere')),
      };
    },
  },
];
