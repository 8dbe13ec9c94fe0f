import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  coverExactly,
  joinInChildProcess,
  joinInProcess,
  type TrackedMember,
} from '../support/group-member.js';
import {
  startKafkaUnderTest,
  uniqueName,
  type KafkaUnderTest,
} from '../support/kafka-under-test.js';

const PARTITIONS = 6;

// Section 6: rebalancing, with a steady producer so "no message lost" is checked too.
describe('consumer groups', () => {
  let kafka: KafkaUnderTest;
  beforeAll(async () => (kafka = await startKafkaUnderTest()));
  afterAll(() => kafka.stop());

  async function steadyTopic() {
    const topic = uniqueName('group');
    const client = kafka.client();
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] });
    await admin.disconnect();
    const producer = client.producer();
    await producer.connect();
    const sent: string[] = [];
    const state = { running: true };
    const loop = (async () => {
      while (state.running) {
        const value = String(sent.length);
        await producer.send({ topic, messages: [{ key: value, value }] });
        sent.push(value);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    return {
      topic,
      sent,
      stop: async () => {
        state.running = false;
        await loop;
        await producer.disconnect();
      },
    };
  }

  function consumedByAll(members: readonly TrackedMember[]): Set<string> {
    return new Set(members.flatMap((member) => member.consumed));
  }

  it('spreads partitions over 2 then 3 members, survives a leave and a SIGKILL, and loses nothing', async () => {
    const stream = await steadyTopic();
    const groupId = uniqueName('group');
    const client = kafka.client();
    const a = await joinInProcess(client, 'a', groupId, stream.topic);
    const b = await joinInProcess(client, 'b', groupId, stream.topic);
    await expect
      .poll(() => coverExactly([a, b], PARTITIONS) && a.partitions.length === 3, {
        timeout: 15_000,
        message: 'two members sharing six partitions',
      })
      .toBe(true);

    const c = await joinInProcess(client, 'c', groupId, stream.topic);
    await expect
      .poll(() => coverExactly([a, b, c], PARTITIONS) && c.partitions.length === 2, {
        timeout: 15_000,
        message: 'three members sharing',
      })
      .toBe(true);

    await c.stop(); // graceful: LeaveGroup
    await expect
      .poll(() => coverExactly([a, b], PARTITIONS), {
        timeout: 15_000,
        message: 'the two remaining after a leave',
      })
      .toBe(true);

    const killed = joinInChildProcess(kafka.brokers, 'killed', groupId, stream.topic);
    await expect
      .poll(() => coverExactly([a, b, killed], PARTITIONS) && killed.partitions.length === 2, {
        timeout: 20_000,
        message: 'the child member to join',
      })
      .toBe(true);
    killed.child.kill('SIGKILL');
    const killedAt = Date.now();
    await expect
      .poll(() => coverExactly([a, b], PARTITIONS), {
        timeout: 20_000,
        message: 'the session timeout to evict the killed member',
      })
      .toBe(true);
    expect(Date.now() - killedAt).toBeGreaterThan(3000); // it took the session timeout, not a leave

    await stream.stop();
    const everyone = [a, b, c, killed];
    await expect
      .poll(() => stream.sent.every((value) => consumedByAll(everyone).has(value)), {
        timeout: 15_000,
        message: 'every sent message',
      })
      .toBe(true);
    await a.stop();
    await b.stop();
  });

  it('evicts a member whose handler outlives the rebalance timeout, and it rejoins', async () => {
    const stream = await steadyTopic();
    const groupId = uniqueName('slow');
    const client = kafka.client();
    let stall = true;
    const slow = await joinInProcess(client, 'slow', groupId, stream.topic, {
      rebalanceTimeout: 1500,
      onMessage: async () => {
        if (!stall) return;
        stall = false;
        await new Promise((resolve) => setTimeout(resolve, 4000));
      },
    });
    await expect
      .poll(() => slow.partitions.length === PARTITIONS && !stall, {
        timeout: 15_000,
        message: 'the slow member to start stalling',
      })
      .toBe(true);
    const firstId = slow.memberId;
    const quick = await joinInProcess(client, 'quick', groupId, stream.topic, {
      rebalanceTimeout: 1500,
    });
    await expect
      .poll(() => quick.partitions.length === PARTITIONS, {
        timeout: 15_000,
        message: 'the quick member to take everything',
      })
      .toBe(true);
    await expect
      .poll(() => slow.memberId !== firstId && coverExactly([slow, quick], PARTITIONS), {
        timeout: 20_000,
        message: 'the slow member to rejoin',
      })
      .toBe(true);

    await stream.stop();
    await expect
      .poll(() => stream.sent.every((value) => consumedByAll([slow, quick]).has(value)), {
        timeout: 15_000,
        message: 'every sent message',
      })
      .toBe(true);
    await slow.stop();
    await quick.stop();
  });
});
