import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';

/** One pipeline run: `messages` of `bytes` each, through the broker from a publisher to a consumer. */
export interface PipelineOptions {
  readonly messages: number;
  readonly bytes: number;
  /** Sends (Kafka) or unconfirmed publishes (AMQP) in flight at once. */
  readonly inFlight: number;
}

const DRAIN_TIMEOUT_MS = 300_000;

/**
 * Messages per second through Kafka with the outbox relay's producer settings
 * (idempotent, acks=all, one request in flight per producer — `inFlight`
 * producers side by side) to a consumer group handling them one by one, as
 * the services' consumers do: from the first send to the last message handled.
 */
export async function kafkaMessagesPerS(
  brokers: string,
  login: { username: string; password: string } | undefined,
  { messages, bytes, inFlight }: PipelineOptions,
): Promise<number> {
  const kafka = new Kafka({
    clientId: 'ceiling-bench',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    ...(login ? { sasl: { mechanism: 'plain', ...login } } : {}),
  });
  const topic = `ceiling.bench.${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  const producers = Array.from({ length: inFlight }, () =>
    kafka.producer({ idempotent: true, maxInFlightRequests: 1 }),
  );
  const consumer = kafka.consumer({ groupId: `ceiling-${randomUUID()}`, maxWaitTimeInMs: 100 });
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await Promise.all(producers.map((p) => p.connect()));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let handled = 0;
    let allHandled: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (allHandled = resolve));
    const joined = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => {
        resolve();
      });
    });
    await consumer.run({
      eachMessage: () => {
        if (++handled === messages) allHandled();
        return Promise.resolve();
      },
    });
    await joined;
    const value = Buffer.alloc(bytes, 'x');
    const started = performance.now();
    let next = 0;
    await Promise.all(
      producers.map(async (producer) => {
        while (next < messages) {
          const key = String(next++ % 64);
          await producer.send({ topic, acks: -1, messages: [{ key, value }] });
        }
      }),
    );
    await withTimeout(drained, () => `Kafka: ${handled} of ${messages} handled`);
    return messages / ((performance.now() - started) / 1000);
  } finally {
    await consumer.disconnect();
    await Promise.all(producers.map((p) => p.disconnect()));
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Messages per second through RabbitMQ: persistent messages to a durable
 * queue on a confirm channel, at most `inFlight` unconfirmed (the outbox relay
 * waits for each confirm), to a consumer acknowledging each one (prefetch 50).
 */
export async function amqpMessagesPerS(
  url: string,
  { messages, bytes, inFlight }: PipelineOptions,
): Promise<number> {
  const connection = await amqp.connect(url);
  const queue = `ceiling.bench.${randomUUID()}`;
  try {
    const publisher = await connection.createConfirmChannel();
    const consuming = await connection.createChannel();
    await publisher.assertQueue(queue, { durable: true });
    await consuming.prefetch(50);
    let handled = 0;
    let allHandled: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (allHandled = resolve));
    await consuming.consume(queue, (message) => {
      if (!message) return;
      consuming.ack(message);
      if (++handled === messages) allHandled();
    });
    const body = Buffer.alloc(bytes, 'x');
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < messages) {
          next++;
          await new Promise<void>((resolve, reject) => {
            publisher.sendToQueue(queue, body, { persistent: true }, (error: unknown) => {
              if (error)
                reject(error instanceof Error ? error : new Error('the broker nacked a publish'));
              else resolve();
            });
          });
        }
      }),
    );
    await withTimeout(drained, () => `AMQP: ${handled} of ${messages} handled`);
    const rate = messages / ((performance.now() - started) / 1000);
    await publisher.deleteQueue(queue);
    return rate;
  } finally {
    await connection.close();
  }
}

async function withTimeout(done: Promise<void>, what: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`not drained after ${DRAIN_TIMEOUT_MS} ms (${what()})`));
    }, DRAIN_TIMEOUT_MS);
  });
  try {
    await Promise.race([done, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
