import { expect, vi } from 'vitest';
import { FAST_CONSUMER, onEachMessage, waitFor } from '../../support/kafka-under-test.js';
import { byPartition, outcome, type Scenario } from '../../support/scenario.js';

// What an admin client (and test clean-up) relies on.
export const adminScenarios: Scenario[] = [
  {
    name: 'creates a topic once and reports false for an existing one',
    async run(ctx) {
      const admin = await ctx.admin();
      const topic = ctx.name('admin');
      const first = await ctx.createTopics([{ topic, numPartitions: 3 }], admin);
      const again = await ctx.createTopics([{ topic, numPartitions: 3 }], admin);
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const metadata = topics.map((t) => ({ ...t, partitions: byPartition(t.partitions) }));
      return { first, again, metadata };
    },
  },
  {
    name: 'does not create an unknown topic when an admin asks metadata for it',
    async run(ctx) {
      const admin = await ctx.admin(ctx.client({ retry: { retries: 1 } }));
      const topic = ctx.name('ghost');
      const asked = await outcome(admin.fetchTopicMetadata({ topics: [topic] }));
      return { asked, listed: (await admin.listTopics()).includes(topic) };
    },
  },
  {
    name: 'lists and deletes topics; deleting an unknown topic fails',
    async run(ctx) {
      const admin = await ctx.admin(ctx.client({ retry: { retries: 1 } }));
      const topic = ctx.name('doomed');
      await ctx.createTopics([{ topic }], admin);
      const listedBefore = (await admin.listTopics()).includes(topic);
      await admin.deleteTopics({ topics: [topic] });
      // Real Kafka's metadata catches up with a deletion a moment later.
      await vi.waitFor(
        async () => {
          if ((await admin.listTopics()).includes(topic))
            throw new Error(`${topic} is still listed`);
        },
        { timeout: 30_000, interval: 100 },
      );
      const listedAfter = (await admin.listTopics()).includes(topic);
      const unknown = await outcome(admin.deleteTopics({ topics: [ctx.name('never')] }));
      return { listedBefore, listedAfter, unknown };
    },
  },
  {
    name: 'fetches, sets and resets group offsets and describes and lists the group',
    async run(ctx) {
      const client = ctx.client();
      const admin = await ctx.admin(client);
      const topic = ctx.name('offsets');
      const groupId = ctx.name('offsets');
      await ctx.createTopics([{ topic, numPartitions: 2 }], admin);
      const producer = await ctx.producer({}, client);
      const messages = Array.from({ length: 6 }, (_, index) => ({
        value: `m${index}`,
        partition: index % 2,
      }));
      await producer.send({ topic, messages });
      const topicOffsets = byPartition(await admin.fetchTopicOffsets(topic));
      const offsetsOf = async () =>
        (await admin.fetchOffsets({ groupId, topics: [topic] })).map((t) => ({
          ...t,
          partitions: byPartition(t.partitions),
        }));
      const neverCommitted = await offsetsOf();
      await admin.setOffsets({
        groupId,
        topic,
        partitions: [
          { partition: 0, offset: '2' },
          { partition: 1, offset: '1' },
        ],
      });
      const set = await offsetsOf();

      const consumer = await ctx.consumer({ groupId, ...FAST_CONSUMER }, client);
      await consumer.subscribe({ topic });
      const seen: string[] = [];
      await consumer.run({
        eachMessage: onEachMessage(({ partition, message }) =>
          seen.push(`${partition}@${message.offset}`),
        ),
      });
      await waitFor(() => seen.length >= 3, 30_000, 'the messages after the set offsets');
      const { groups } = await admin.describeGroups([groupId]);
      const described = groups.map(({ members, ...group }) => ({
        ...group,
        members: members.map(({ memberId, clientId, clientHost }) => ({
          memberId,
          clientId,
          clientHost,
        })),
      }));
      const listed = (await admin.listGroups()).groups.filter((group) => group.groupId === groupId);
      await consumer.disconnect();
      await admin.resetOffsets({ groupId, topic, earliest: true });
      const reset = await offsetsOf();
      expect(seen).toHaveLength(3);
      return { topicOffsets, neverCommitted, set, seen: seen.sort(), described, listed, reset };
    },
  },
];
