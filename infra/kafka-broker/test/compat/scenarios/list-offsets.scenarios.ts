import { FAST_CONSUMER, onEachMessage, waitFor } from '../../support/kafka-under-test.js';
import { listOffsetV1 } from '../../support/raw-request.js';
import { byPartition, outcome, type Scenario } from '../../support/scenario.js';

const at = (second: number) => String(Date.UTC(2024, 0, 1, 0, 0, second));

// ListOffsets as kafkajs's admin and consumer use it.
export const listOffsetsScenarios: Scenario[] = [
  {
    name: 'answers earliest and latest offsets of empty and filled partitions, and fails for an unknown topic',
    async run(ctx) {
      const admin = await ctx.admin(ctx.client({ retry: { retries: 1 } }));
      const topic = ctx.name('ends');
      await ctx.createTopics([{ topic, numPartitions: 2 }], admin);
      const empty = byPartition(await admin.fetchTopicOffsets(topic));
      const producer = await ctx.producer();
      await producer.send({
        topic,
        messages: [
          { value: 'a', partition: 1 },
          { value: 'b', partition: 1 },
        ],
      });
      const filled = byPartition(await admin.fetchTopicOffsets(topic));
      const unknown = await outcome(admin.fetchTopicOffsets(ctx.name('unknown')));
      return { empty, filled, unknown };
    },
  },
  {
    name: 'finds the first record at or after a timestamp, across batches and inside one',
    async run(ctx) {
      const admin = await ctx.admin();
      const topic = ctx.name('times');
      await ctx.createTopics([{ topic }], admin);
      const producer = await ctx.producer();
      // Two batches: offsets 0–2 at seconds 10, 20, 30 (one batch), offsets 3–4 at 40, 50.
      await producer.send({
        topic,
        messages: [10, 20, 30].map((second) => ({ value: `s${second}`, timestamp: at(second) })),
      });
      await producer.send({
        topic,
        messages: [40, 50].map((second) => ({ value: `s${second}`, timestamp: at(second) })),
      });
      const answers: Record<string, unknown> = {};
      for (const second of [0, 10, 15, 20, 30, 35, 40, 50, 60]) {
        const [partition] = await admin.fetchTopicOffsetsByTimestamp(topic, Number(at(second)));
        // kafkajs shows only the offset; the broker also answers the record's timestamp.
        const raw = await listOffsetV1(ctx.brokers[0]!, topic, 0, Number(at(second)));
        answers[`second ${second}`] = { kafkajs: partition?.offset, listOffsetsV1: raw };
      }
      const ends = { earliest: -2, latest: -1 };
      for (const [end, timestamp] of Object.entries(ends))
        answers[end] = await listOffsetV1(ctx.brokers[0]!, topic, 0, timestamp);
      answers['missing partition'] = await listOffsetV1(ctx.brokers[0]!, topic, 9, -1);
      return answers;
    },
  },
  {
    name: 'resets a consumer that fetches past the end of the log to where fromBeginning says',
    async run(ctx) {
      const admin = await ctx.admin();
      const topic = ctx.name('past-end');
      await ctx.createTopics([{ topic }], admin);
      const producer = await ctx.producer();
      await producer.send({ topic, messages: ['a', 'b', 'c'].map((value) => ({ value })) });
      const groupId = ctx.name('past-end');
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '100' }] });
      const consumer = await ctx.consumer({ groupId, ...FAST_CONSUMER });
      await consumer.subscribe({ topic, fromBeginning: true });
      const seen: string[] = [];
      let fetches = 0;
      consumer.on(consumer.events.FETCH, () => fetches++);
      await consumer.run({
        eachMessage: onEachMessage(({ message }) =>
          seen.push(`${message.offset}:${String(message.value)}`),
        ),
      });
      await waitFor(() => seen.length >= 3, 30_000, 'the log from its start');
      // Two more fetches went by: a duplicate of the three would have been delivered.
      const fetchesAfterLog = fetches;
      await waitFor(() => fetches - fetchesAfterLog >= 2, 30_000, 'two fetches after the log');
      return seen;
    },
  },
];
