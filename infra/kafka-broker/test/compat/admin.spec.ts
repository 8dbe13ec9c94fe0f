import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAST_CONSUMER,
  startKafkaUnderTest,
  uniqueName,
  type KafkaUnderTest,
  onEachMessage,
} from '../support/kafka-under-test.js';

// Section 2: what an admin client (and test clean-up) relies on.
describe('admin operations', () => {
  let kafka: KafkaUnderTest;
  beforeAll(async () => (kafka = await startKafkaUnderTest()));
  afterAll(() => kafka.stop());

  it('creates a topic once and reports false for an existing one', async () => {
    const admin = kafka.client().admin();
    await admin.connect();
    const topic = uniqueName('admin');
    await expect(admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).resolves.toBe(true);
    await expect(admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).resolves.toBe(
      false,
    );
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]!.partitions.map((partition) => partition.partitionId).sort()).toEqual(
      [0, 1, 2],
    );
    await admin.disconnect();
  });

  it('does not create an unknown topic when metadata is asked with auto-create off', async () => {
    const admin = kafka.client().admin();
    await admin.connect();
    const topic = uniqueName('ghost');
    await expect(admin.fetchTopicMetadata({ topics: [topic] })).rejects.toThrow(
      /does not host this topic-partition|unknown/i,
    );
    expect(await admin.listTopics()).not.toContain(topic);
    await admin.disconnect();
  });

  it('lists and deletes topics', async () => {
    const admin = kafka.client().admin();
    await admin.connect();
    const topic = uniqueName('doomed');
    await admin.createTopics({ topics: [{ topic }] });
    expect(await admin.listTopics()).toContain(topic);
    await admin.deleteTopics({ topics: [topic] });
    expect(await admin.listTopics()).not.toContain(topic);
    await admin.disconnect();
  });

  it('fetches, sets and resets a group offsets and describes the group', async () => {
    const client = kafka.client();
    const admin = client.admin();
    await admin.connect();
    const topic = uniqueName('offsets');
    const groupId = uniqueName('offsets');
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    const producer = client.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 6 }, (_, index) => ({
        value: `m${index}`,
        partition: index % 2,
      })),
    });
    await producer.disconnect();

    expect(await admin.fetchTopicOffsets(topic)).toEqual(
      expect.arrayContaining([
        { partition: 0, offset: '3', high: '3', low: '0' },
        { partition: 1, offset: '3', high: '3', low: '0' },
      ]),
    );
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '2' },
        { partition: 1, offset: '1' },
      ],
    });
    const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(fetched!.partitions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ partition: 0, offset: '2' }),
        expect.objectContaining({ partition: 1, offset: '1' }),
      ]),
    );

    const consumer = client.consumer({ groupId, ...FAST_CONSUMER });
    await consumer.connect();
    await consumer.subscribe({ topic });
    const seen: string[] = [];
    await consumer.run({
      eachMessage: onEachMessage(({ partition, message }) =>
        seen.push(`${partition}@${message.offset}`),
      ),
    });
    await expect
      .poll(() => seen.length >= 3, {
        timeout: 15_000,
        message: 'the messages after the set offsets',
      })
      .toBe(true);
    expect(seen.sort()).toEqual(['0@2', '1@1', '1@2']);
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0]).toMatchObject({
      groupId,
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'RoundRobinAssigner',
    });
    expect(groups[0]!.members).toHaveLength(1);
    expect((await admin.listGroups()).groups).toContainEqual({ groupId, protocolType: 'consumer' });
    await consumer.disconnect();

    await admin.resetOffsets({ groupId, topic, earliest: true });
    const [reset] = await admin.fetchOffsets({ groupId, topics: [topic] });
    // kafkajs commits the "earliest" sentinel itself; its consumer resolves it later.
    expect(reset!.partitions.map((partition) => partition.offset)).toEqual(['-2', '-2']);
    await admin.disconnect();
  });
});
