import type { ChildProcess } from 'node:child_process';
import type { Consumer, Kafka } from 'kafkajs';
import { spawnTypeScript } from './child-process.js';
import { FAST_CONSUMER } from './kafka-under-test.js';

/** A group member as the tests see it: its current partitions and what it consumed. */
export interface TrackedMember {
  readonly name: string;
  partitions: number[];
  memberId: string;
  readonly consumed: string[];
  stop(): Promise<void>;
}

export async function joinInProcess(
  kafka: Kafka,
  name: string,
  groupId: string,
  topic: string,
  options: { rebalanceTimeout?: number; onMessage?: (value: string) => Promise<void> } = {},
): Promise<TrackedMember & { consumer: Consumer }> {
  const consumer = kafka.consumer({
    groupId,
    ...FAST_CONSUMER,
    ...(options.rebalanceTimeout ? { rebalanceTimeout: options.rebalanceTimeout } : {}),
  });
  const member = {
    name,
    partitions: [] as number[],
    memberId: '',
    consumed: [] as string[],
    consumer,
    stop: () => consumer.disconnect(),
  };
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    member.partitions = payload.memberAssignment[topic] ?? [];
    member.memberId = payload.memberId;
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value = message.value?.toString() ?? '';
      await options.onMessage?.(value);
      member.consumed.push(value);
    },
  });
  return member;
}

export function joinInChildProcess(
  brokers: string[],
  name: string,
  groupId: string,
  topic: string,
): TrackedMember & { child: ChildProcess } {
  const child = spawnTypeScript('test/fixtures/group-member.ts', [
    brokers.join(','),
    groupId,
    topic,
  ]);
  const member = {
    name,
    partitions: [] as number[],
    memberId: '',
    consumed: [] as string[],
    child,
    stop: () => {
      child.kill('SIGKILL');
      return Promise.resolve();
    },
  };
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as
        { event: 'assigned'; partitions: number[] } | { event: 'message'; value: string };
      if (event.event === 'assigned') member.partitions = event.partitions;
      else member.consumed.push(event.value);
    }
  });
  return member;
}

/** True when the members' partitions are exactly 0…count−1, each owned once. */
export function coverExactly(members: readonly TrackedMember[], count: number): boolean {
  const owned = members.flatMap((member) => member.partitions).sort((a, b) => a - b);
  return owned.length === count && owned.every((partition, index) => partition === index);
}
