import {
  FAST_CONSUMER,
  onEachBatch,
  onEachMessage,
  waitFor,
} from '../../support/kafka-under-test.js';
import { outcome, type Scenario, type ScenarioContext } from '../../support/scenario.js';

async function topicWith(ctx: ScenarioContext, count: number, valueBytes = 8): Promise<string> {
  const topic = ctx.name(`consume-${count}`);
  const admin = await ctx.admin();
  await ctx.createTopics([{ topic }], admin);
  await produce(ctx, topic, count, valueBytes, 0);
  return topic;
}

async function produce(
  ctx: ScenarioContext,
  topic: string,
  count: number,
  valueBytes = 8,
  from = 0,
): Promise<void> {
  const producer = await ctx.producer();
  const messages = Array.from({ length: count }, (_, index) => ({
    value: String(from + index).padEnd(valueBytes, '.'),
  }));
  await producer.send({ topic, messages });
  await producer.disconnect();
}

const trimmed = (value: Buffer | null) => value?.toString().replace(/\.+$/, '');

// A consumer's view.
export const consumerScenarios: Scenario[] = [
  {
    name: 'fails to subscribe to a topic that does not exist yet, even with auto-creation, and creates it',
    async run(ctx) {
      const topic = ctx.name('not-yet');
      const consumer = await ctx.consumer({
        groupId: ctx.name('not-yet'),
        ...FAST_CONSUMER,
        allowAutoTopicCreation: true,
      });
      const subscribed = await outcome(consumer.subscribe({ topic, fromBeginning: true }));
      const admin = await ctx.admin();
      await ctx.waitForTopics([topic], admin);
      const again = await outcome(consumer.subscribe({ topic, fromBeginning: true }));
      return { subscribed, again };
    },
  },
  {
    name: 'starts at the beginning or only sees new messages, as fromBeginning says',
    async run(ctx) {
      const topic = await topicWith(ctx, 3);
      const seen = { early: [] as (string | undefined)[], late: [] as (string | undefined)[] };
      const fetched = { early: false, late: false };
      for (const name of ['early', 'late'] as const) {
        const consumer = await ctx.consumer({ groupId: ctx.name(name), ...FAST_CONSUMER });
        await consumer.subscribe({ topic, fromBeginning: name === 'early' });
        let joined = false;
        consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
        // A finished fetch means its start offset ("latest" for the late one) is resolved.
        consumer.on(consumer.events.FETCH, () => (fetched[name] = true));
        await consumer.run({
          eachMessage: onEachMessage(({ message }) => seen[name].push(trimmed(message.value))),
        });
        await waitFor(() => joined, 30_000, `${name} consumer to join`);
      }
      await waitFor(() => seen.early.length === 3, 30_000, 'the early consumer to catch up');
      await waitFor(() => fetched.late, 30_000, 'the late consumer to fetch once');
      await produce(ctx, topic, 1, 8, 3);
      await waitFor(
        () => seen.early.length === 4 && seen.late.length === 1,
        30_000,
        'both consumers',
      );
      return seen;
    },
  },
  {
    name: 'delivers with eachBatch, including a batch larger than maxBytesPerPartition',
    async run(ctx) {
      const topic = await topicWith(ctx, 20, 4096); // one 80 KiB batch
      const consumer = await ctx.consumer({
        groupId: ctx.name('batch'),
        ...FAST_CONSUMER,
        maxBytesPerPartition: 1024,
      });
      await consumer.subscribe({ topic, fromBeginning: true });
      const offsets: string[] = [];
      await consumer.run({
        eachBatch: onEachBatch(({ batch }) =>
          offsets.push(...batch.messages.map((message) => message.offset)),
        ),
      });
      await waitFor(() => offsets.length === 20, 30_000, 'the oversized batch');
      return offsets;
    },
  },
  {
    name: 'seeks, pauses and resumes',
    async run(ctx) {
      const topic = await topicWith(ctx, 10);
      const consumer = await ctx.consumer({ groupId: ctx.name('seek'), ...FAST_CONSUMER });
      await consumer.subscribe({ topic, fromBeginning: true });
      const offsets: number[] = [];
      let fetches = 0;
      consumer.on(consumer.events.FETCH, () => fetches++);
      await consumer.run({
        eachMessage: onEachMessage(({ message }) => offsets.push(Number(message.offset))),
      });
      await waitFor(() => offsets.length === 10, 30_000, 'the first pass');
      consumer.seek({ topic, partition: 0, offset: '7' });
      await waitFor(() => offsets.length === 13, 30_000, 'the re-read after seek');
      consumer.pause([{ topic }]);
      await produce(ctx, topic, 2, 8, 10);
      // Two fetches after the produce went by while paused: it kept polling and took nothing.
      const fetchesAfterProduce = fetches;
      await waitFor(() => fetches - fetchesAfterProduce >= 2, 30_000, 'two fetches while paused');
      const whilePaused = offsets.length;
      consumer.resume([{ topic }]);
      await waitFor(() => offsets.length === 15, 30_000, 'messages after resume');
      return { offsets, whilePaused };
    },
  },
  {
    name: 'resumes a restarted group at its committed offsets',
    async run(ctx) {
      const topic = await topicWith(ctx, 5);
      const groupId = ctx.name('resume');
      const first = await ctx.consumer({ groupId, ...FAST_CONSUMER });
      await first.subscribe({ topic, fromBeginning: true });
      let firstCount = 0;
      await first.run({ eachMessage: onEachMessage(() => firstCount++) });
      await waitFor(() => firstCount === 5, 30_000, 'the first five');
      await first.disconnect(); // commits on the way out
      const admin = await ctx.admin();
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });

      await produce(ctx, topic, 3, 8, 5);
      const second = await ctx.consumer({ groupId, ...FAST_CONSUMER });
      await second.subscribe({ topic, fromBeginning: true });
      const values: (string | undefined)[] = [];
      await second.run({
        eachMessage: onEachMessage(({ message }) => values.push(trimmed(message.value))),
      });
      // One partition, read in order: a wrongly re-delivered message would come
      // before the three new ones and show in `values`.
      await waitFor(() => values.length >= 3, 30_000, 'the three new messages');
      return { committed, values };
    },
  },
];
