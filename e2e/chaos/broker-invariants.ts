import amqp from 'amqplib';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { messageKinds, parkingQueueOf, retryQueueOf } from '@shop/contracts';
import type { InvariantResult } from './invariants.js';

/** The brokers as the stack's admin reaches them (an app's own login may not read every group). */
export interface Brokers {
  readonly kafkaBrokers: string;
  readonly kafkaAdmin: { readonly username: string; readonly password: string } | undefined;
  readonly amqpUrl: string;
}

/** Consumer lag 0 in every group, nothing parked in a DLQ topic, no AMQP backlog. */
export async function brokerInvariants(brokers: Brokers): Promise<InvariantResult[]> {
  const kafka = new Kafka({
    clientId: 'chaos',
    brokers: brokers.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    ...(brokers.kafkaAdmin ? { sasl: { mechanism: 'plain', ...brokers.kafkaAdmin } } : {}),
  });
  const admin = kafka.admin();
  await admin.connect();
  const lagging: string[] = [];
  const parked: string[] = [];
  let groupsChecked = 0;
  let topicsChecked = 0;
  try {
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    const ends = new Map<string, number>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        ends.set(`${topic}/${p.partition}`, Number(p.high));
        if (topic.endsWith('.dlq') && Number(p.high) > Number(p.low))
          parked.push(`${topic}[${p.partition}]: ${Number(p.high) - Number(p.low)}`);
      }
      topicsChecked++;
    }
    const { groups } = await admin.listGroups();
    const described = await admin.describeGroups(groups.map((g) => g.groupId));
    for (const { groupId, members } of described.groups) {
      groupsChecked++;
      // What the group reads: the topics its members subscribe to, and those it committed.
      const subscribed = members.flatMap(
        (m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? [],
      );
      const committed = (await admin.fetchOffsets({ groupId })).map((t) => t.topic);
      const read = [...new Set([...subscribed, ...committed])].filter((t) => topics.includes(t));
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: read })) {
        for (const { partition, offset } of partitions) {
          const end = ends.get(`${topic}/${partition}`) ?? 0;
          const next = Number(offset) < 0 ? 0 : Number(offset);
          if (end > next)
            lagging.push(`group ${groupId} ${topic}[${partition}]: ${end - next} behind`);
        }
      }
    }
  } finally {
    await admin.disconnect();
  }
  return [
    { name: 'Kafka consumer lag 0 in every group', checked: groupsChecked, violations: lagging },
    { name: 'nothing parked in a Kafka DLQ topic', checked: topicsChecked, violations: parked },
    await amqpBacklog(brokers.amqpUrl),
  ];
}

async function amqpBacklog(url: string): Promise<InvariantResult> {
  const { queue } = messageKinds['enrollment.grant-seat.v1'].route as { queue: string };
  const connection = await amqp.connect(url);
  const backlog: string[] = [];
  let checked = 0;
  try {
    for (const name of [queue, parkingQueueOf(queue), ...retryQueues(queue)]) {
      // A channel per queue: checking one that does not exist closes the channel.
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      const found = await channel.checkQueue(name).catch(() => undefined);
      if (!found) continue;
      checked++;
      if (found.messageCount > 0) backlog.push(`${name}: ${found.messageCount}`);
      await channel.close().catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
  return {
    name: 'no AMQP backlog (command, retry and parking queues empty)',
    checked,
    violations: backlog,
  };
}

/** The delay queues of the command's retries (as many as the retry plan may declare). */
function retryQueues(queue: string): string[] {
  return Array.from({ length: 10 }, (_, i) => retryQueueOf(queue, i + 1));
}
