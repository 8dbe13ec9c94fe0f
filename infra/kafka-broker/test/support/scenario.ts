import { randomBytes } from 'node:crypto';
import type {
  Admin,
  ITopicConfig,
  Consumer,
  ConsumerConfig,
  Kafka,
  KafkaConfig,
  Producer,
  ProducerConfig,
} from 'kafkajs';
import { kafkaClient } from './kafka-under-test.js';

/** What a scenario gets: the brokers, a private name space and clients closed for it afterwards. */
export class ScenarioContext {
  readonly ns = `t${randomBytes(4).toString('hex')}`;
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(readonly brokers: string[]) {}

  /** A topic or group name private to this run; normalised to `NS-<suffix>` in results. */
  name(suffix: string): string {
    return `${this.ns}-${suffix}`;
  }

  client(config: Partial<KafkaConfig> = {}): Kafka {
    return kafkaClient(this.brokers, config);
  }

  async admin(client = this.client()): Promise<Admin> {
    const admin = client.admin();
    await admin.connect();
    this.onClose(() => admin.disconnect());
    return admin;
  }

  async producer(config: ProducerConfig = {}, client = this.client()): Promise<Producer> {
    const producer = client.producer(config);
    await producer.connect();
    this.onClose(() => producer.disconnect());
    return producer;
  }

  async consumer(config: ConsumerConfig, client = this.client()): Promise<Consumer> {
    const consumer = client.consumer(config);
    await consumer.connect();
    this.onClose(() => consumer.disconnect());
    return consumer;
  }

  /**
   * Creates topics and waits until the broker's metadata shows them with
   * leaders: real Kafka (KRaft) answers CreateTopics before its metadata
   * cache has the topic and before its partitions serve, so kafkajs's own
   * wait can fail with UNKNOWN_TOPIC_OR_PARTITION, and a produce right after
   * can meet NOT_LEADER_OR_FOLLOWER; the stand-in serves them at once.
   */
  async createTopics(topics: ITopicConfig[], admin?: Admin): Promise<boolean> {
    const client = admin ?? (await this.admin());
    const created = await client.createTopics({ topics, waitForLeaders: false });
    await this.waitForTopics(
      topics.map(({ topic }) => topic),
      client,
    );
    return created;
  }

  async waitForTopics(names: string[], admin: Admin, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: names });
        const led = topics.every(({ partitions }) => partitions.every(({ leader }) => leader >= 0));
        // A leader in the metadata may not serve yet (NOT_LEADER_OR_FOLLOWER): ask it.
        if (led) {
          for (const name of names) await admin.fetchTopicOffsets(name);
          return;
        }
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics ${names.join(', ')} have no leaders`);
      await sleep(50);
    }
  }

  /** Runs at close, latest first; a scenario that failed half-way still releases what it opened. */
  onClose(close: () => Promise<unknown>): void {
    this.closers.unshift(close);
  }

  async close(): Promise<void> {
    for (const close of this.closers) {
      // A client that already disconnected, or whose broker link a scenario cut, must not hang the run.
      await Promise.race([close().catch(() => undefined), sleep(5000)]);
    }
  }
}

export interface Scenario {
  readonly name: string;
  /** Runs against one broker and returns what an application could observe. */
  run(ctx: ScenarioContext): Promise<unknown>;
}

/** `{ ok: value }`, or the kafkajs error a call failed with, reduced to what a client can act on. */
export async function outcome(operation: Promise<unknown>): Promise<unknown> {
  try {
    return { ok: (await operation) ?? null };
  } catch (error) {
    return describeError(error);
  }
}

export function describeError(error: unknown): unknown {
  const { name, type, retriable, errors, topic, originalError, message } = error as {
    name?: string;
    type?: string;
    retriable?: boolean;
    topic?: string;
    errors?: unknown[];
    originalError?: unknown;
    message?: string;
  };
  return {
    name,
    // A protocol error's message is kafkajs's text for its type; others say what went wrong.
    ...(type === undefined ? { message } : { type }),
    ...(retriable === undefined ? {} : { retriable }),
    ...(topic === undefined ? {} : { topic }),
    ...(Array.isArray(errors) ? { errors: errors.map(describeError) } : {}),
    ...(originalError === undefined ? {} : { originalError: describeError(originalError) }),
  };
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Per-partition answers in partition order: the protocol leaves their order open, and Kafka's varies. */
export function byPartition<T extends { partition: number } | { partitionId: number }>(
  items: readonly T[],
): T[] {
  const index = (item: T) => ('partition' in item ? item.partition : item.partitionId);
  return [...items].sort((a, b) => index(a) - index(b));
}
