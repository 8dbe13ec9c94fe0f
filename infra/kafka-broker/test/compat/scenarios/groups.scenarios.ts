import {
  coverExactly,
  joinInChildProcess,
  joinInProcess,
  type TrackedMember,
} from '../../support/group-member.js';
import { waitFor } from '../../support/kafka-under-test.js';
import { sleep, type Scenario, type ScenarioContext } from '../../support/scenario.js';

const PARTITIONS = 6;

// A topic with a steady producer, so "no message lost" is checked across rebalances.
async function steadyTopic(ctx: ScenarioContext) {
  const topic = ctx.name('group');
  const admin = await ctx.admin();
  await ctx.createTopics([{ topic, numPartitions: PARTITIONS }], admin);
  const producer = await ctx.producer();
  const sent: string[] = [];
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      const value = String(sent.length);
      await producer.send({ topic, messages: [{ key: value, value }] });
      sent.push(value);
      await sleep(10);
    }
  })();
  const stop = async () => {
    state.running = false;
    await loop;
  };
  ctx.onClose(stop);
  return { topic, sent, stop };
}

const shares = (members: readonly TrackedMember[]) =>
  members.map((member) => member.partitions.length).sort();

function lost(sent: readonly string[], members: readonly TrackedMember[]): number {
  const consumed = new Set(members.flatMap((member) => member.consumed));
  return sent.filter((value) => !consumed.has(value)).length;
}

// Rebalancing with the classic group protocol.
export const groupScenarios: Scenario[] = [
  {
    name: 'spreads partitions over 2 then 3 members, survives a leave and a SIGKILL, and loses nothing',
    async run(ctx) {
      const stream = await steadyTopic(ctx);
      const groupId = ctx.name('group');
      const client = ctx.client();
      const track = <T extends TrackedMember>(member: T): T => {
        ctx.onClose(() => member.stop());
        return member;
      };
      const a = track(await joinInProcess(client, 'a', groupId, stream.topic));
      const b = track(await joinInProcess(client, 'b', groupId, stream.topic));
      await waitFor(
        () => coverExactly([a, b], PARTITIONS) && a.partitions.length === 3,
        60_000,
        'two members sharing six partitions',
      );
      const two = shares([a, b]);

      const c = track(await joinInProcess(client, 'c', groupId, stream.topic));
      await waitFor(
        () => coverExactly([a, b, c], PARTITIONS) && c.partitions.length === 2,
        60_000,
        'three members sharing',
      );
      const three = shares([a, b, c]);

      await c.stop(); // graceful: LeaveGroup
      await waitFor(
        () => coverExactly([a, b], PARTITIONS),
        60_000,
        'the two remaining after a leave',
      );
      const afterLeave = shares([a, b]);

      const killed = track(joinInChildProcess(ctx.brokers, 'killed', groupId, stream.topic));
      await waitFor(
        () => coverExactly([a, b, killed], PARTITIONS) && killed.partitions.length === 2,
        90_000,
        'the child member to join',
      );
      const withChild = shares([a, b, killed]);
      killed.child.kill('SIGKILL');
      const killedAt = Date.now();
      await waitFor(
        () => coverExactly([a, b], PARTITIONS),
        60_000,
        'the session timeout to evict the killed member',
      );
      // A leave would take a rebalance; an eviction takes the 6 s session timeout.
      const evictedBySessionTimeout = Date.now() - killedAt > 3000;

      await stream.stop();
      const everyone = [a, b, c, killed];
      await waitFor(() => lost(stream.sent, everyone) === 0, 60_000, 'every sent message');
      return {
        two,
        three,
        afterLeave,
        withChild,
        evictedBySessionTimeout,
        lost: lost(stream.sent, everyone),
      };
    },
  },
  {
    name: 'evicts a member whose handler outlives the rebalance timeout, and it rejoins',
    async run(ctx) {
      const stream = await steadyTopic(ctx);
      const groupId = ctx.name('slow');
      const client = ctx.client();
      let stall = true;
      const slow = await joinInProcess(client, 'slow', groupId, stream.topic, {
        rebalanceTimeout: 1500,
        onMessage: async () => {
          if (!stall) return;
          stall = false;
          await sleep(4000);
        },
      });
      ctx.onClose(() => slow.stop());
      await waitFor(
        () => slow.partitions.length === PARTITIONS && !stall,
        60_000,
        'the slow member to start stalling',
      );
      const firstId = slow.memberId;
      const quick = await joinInProcess(client, 'quick', groupId, stream.topic, {
        rebalanceTimeout: 1500,
      });
      ctx.onClose(() => quick.stop());
      await waitFor(
        () => quick.partitions.length === PARTITIONS,
        60_000,
        'the quick member to take everything',
      );
      await waitFor(
        () => slow.memberId !== firstId && coverExactly([slow, quick], PARTITIONS),
        60_000,
        'the slow member to rejoin',
      );
      const rejoined = shares([slow, quick]);
      await stream.stop();
      await waitFor(() => lost(stream.sent, [slow, quick]) === 0, 60_000, 'every sent message');
      return { rejoined, lost: lost(stream.sent, [slow, quick]) };
    },
  },
];
