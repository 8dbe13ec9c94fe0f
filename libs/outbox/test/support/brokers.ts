import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { ensureTopics } from '@shop/messaging';
import { expect } from 'vitest';

/** A port that was free a moment ago, to start a broker on later. */
export async function reservePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A kafkajs client that gives up quickly, so a down broker fails a publish in well under a second. */
export function quickKafka(address: string): Kafka {
  return new Kafka({
    clientId: 'outbox-test',
    brokers: [address],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 300,
    retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 200 },
  });
}

/**
 * Reads `topic` from the beginning: at least `count` records, then every
 * record up to the topic's end offset at that moment — so extras already in
 * the log are read too, without waiting a fixed time for them.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const records: KafkaMessage[] = [];
  await consumer.connect();
  try {
    // Kafka refuses a subscribe to a topic that does not exist yet.
    await ensureTopics(kafka, [topic]);
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        records.push(message);
        return Promise.resolve();
      },
    });
    await expect.poll(() => records.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
    const inLog = await recordsInLog(kafka, topic);
    await expect.poll(() => records.length, { timeout: 20_000 }).toBe(inLog);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

async function recordsInLog(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const partitions = await admin.fetchTopicOffsets(topic);
    return partitions.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
