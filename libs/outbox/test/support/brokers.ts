import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

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

/** Reads `topic` from the beginning until `count` records arrived, plus `settleMs` to catch extras. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  settleMs = 500,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const records: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        records.push(message);
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + 20_000;
    while (records.length < count && Date.now() < deadline) await sleep(20);
    await sleep(settleMs);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
