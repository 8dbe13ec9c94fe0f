import { randomUUID } from 'node:crypto';
import { ensureTopics } from '@shop/messaging';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface ReadEvent {
  readonly key: string | undefined;
  readonly event: {
    id: string;
    type: string;
    subject: string;
    correlationid: string;
    data: unknown;
  };
}

/** Follows topics from the beginning, collecting every record, until `close()`. */
export async function followTopics(brokers: string, topics: string[]) {
  const kafka = new Kafka({
    clientId: 'enrollment-test',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  });
  const consumer: Consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: Record<string, ReadEvent[]> = Object.fromEntries(topics.map((t) => [t, []]));
  await consumer.connect();
  // Kafka refuses a subscribe to a topic that does not exist yet.
  await ensureTopics(kafka, topics);
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ topic, message }) => {
      seen[topic]?.push({
        key: message.key?.toString(),
        event: JSON.parse(message.value?.toString() ?? 'null') as ReadEvent['event'],
      });
      return Promise.resolve();
    },
  });
  const admin = kafka.admin();
  await admin.connect();
  return {
    /** Whether every record now in `topic` has been read. */
    caughtUp: async (topic: string) => {
      const ends = await admin.fetchTopicOffsets(topic);
      const inLog = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      return (seen[topic]?.length ?? 0) >= inLog;
    },
    /** Records of `topic` whose key is `orderId`. */
    of: (topic: string, orderId: string) => (seen[topic] ?? []).filter((r) => r.key === orderId),
    all: (topic: string) => seen[topic] ?? [],
    close: async () => {
      await admin.disconnect();
      await consumer.disconnect();
    },
  };
}
