import type { ITopicConfig } from 'kafkajs';
import { outcome, type Scenario, type ScenarioContext } from '../../support/scenario.js';

async function create(ctx: ScenarioContext, topics: ITopicConfig[], validateOnly = false) {
  const admin = await ctx.admin(ctx.client({ retry: { retries: 0 } }));
  // Waiting for leaders of a topic that was (rightly) not created would only time out.
  const result = await outcome(admin.createTopics({ topics, validateOnly, waitForLeaders: false }));
  const created = typeof result === 'object' && result !== null && 'ok' in result;
  if (created && !validateOnly)
    await ctx.waitForTopics(
      topics.map(({ topic }) => topic),
      admin,
    );
  return result;
}

// CreateTopics refusals, each as kafkajs reports it.
export const topicErrorScenarios: Scenario[] = [
  {
    name: 'refuses to create an existing topic beside a new one',
    async run(ctx) {
      const existing = ctx.name('existing');
      const created = await create(ctx, [{ topic: existing }]);
      const both = await create(ctx, [{ topic: existing }, { topic: ctx.name('fresh') }]);
      const admin = await ctx.admin();
      const listed = (await admin.listTopics()).filter((topic) => topic.startsWith(ctx.ns)).sort();
      return { created, both, listed };
    },
  },
  {
    name: 'refuses zero and negative partition counts, and takes −1 as the default',
    async run(ctx) {
      const zero = await create(ctx, [{ topic: ctx.name('zero'), numPartitions: 0 }]);
      const negative = await create(ctx, [{ topic: ctx.name('negative'), numPartitions: -5 }]);
      const byDefault = ctx.name('default');
      const defaulted = await create(ctx, [{ topic: byDefault, numPartitions: -1 }]);
      const admin = await ctx.admin();
      const { topics } = await admin.fetchTopicMetadata({ topics: [byDefault] });
      return { zero, negative, defaulted, defaultPartitions: topics[0]?.partitions.length };
    },
  },
  {
    name: 'refuses a replication factor the single node cannot meet, and zero',
    async run(ctx) {
      return {
        three: await create(ctx, [{ topic: ctx.name('three'), replicationFactor: 3 }]),
        zero: await create(ctx, [{ topic: ctx.name('zero'), replicationFactor: 0 }]),
        minusTwo: await create(ctx, [{ topic: ctx.name('minus-two'), replicationFactor: -2 }]),
        one: await create(ctx, [{ topic: ctx.name('one'), replicationFactor: 1 }]),
      };
    },
  },
  {
    name: 'refuses illegal topic names',
    async run(ctx) {
      const names = {
        space: ctx.name('has space'),
        slash: ctx.name('a/b'),
        tooLong: ctx.name('x'.repeat(250)),
        dot: '.',
        dotDot: '..',
        empty: '',
      };
      const results: Record<string, unknown> = {};
      for (const [label, topic] of Object.entries(names))
        results[label] = await create(ctx, [{ topic }]);
      return results;
    },
  },
  {
    name: "refuses a name that collides with an existing one on '.' versus '_'",
    async run(ctx) {
      const dotted = await create(ctx, [{ topic: ctx.name('a.b') }]);
      const underscored = await create(ctx, [{ topic: ctx.name('a_b') }]);
      return { dotted, underscored };
    },
  },
  {
    name: 'validates without creating when asked to validate only',
    async run(ctx) {
      const topic = ctx.name('dry-run');
      const valid = await create(ctx, [{ topic, numPartitions: 2 }], true);
      const invalid = await create(ctx, [{ topic: ctx.name('dry-bad'), numPartitions: 0 }], true);
      const admin = await ctx.admin();
      return { valid, invalid, created: (await admin.listTopics()).includes(topic) };
    },
  },
];
