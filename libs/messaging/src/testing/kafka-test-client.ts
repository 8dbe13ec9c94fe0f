import { randomUUID } from 'node:crypto';
import {
  Kafka,
  logLevel,
  type Consumer,
  type KafkaMessage,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import {
  createEvent,
  DeadLetterHeaders,
  dlqTopicOf,
  messageKindOfType,
  messageKinds,
  type DataOf,
  type KafkaEventKind,
  type ShopEvent,
} from '@shop/contracts';
import { ensureTopics } from '../lib/ensure-topics.js';
import { messageExamples } from '@shop/contracts/testing';

/** One dead letter as an operator reads it. */
export interface DeadLetterSummary {
  readonly key: string;
  readonly code: string;
  readonly reason: string;
  readonly group: string;
}

/**
 * For tests of a consumer: a producer of CloudEvents, as the producing service
 * would publish them, and a reader of one group's DLQ of a topic, as an operator would.
 */
export class KafkaTestClient {
  readonly deadLetters: KafkaMessage[] = [];
  private readonly deadLetterListeners = new Set<() => void>();
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private dlqReader: Consumer | undefined;

  constructor(brokers: string, sasl?: SASLOptions) {
    this.kafka = new Kafka({
      clientId: 'test',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
      ...(sasl ? { sasl } : {}),
    });
    this.producer = this.kafka.producer({ allowAutoTopicCreation: true });
  }

  /** Connects the producer, and reads what consumer group `group` dead-letters from `topic`. */
  async connect(readDeadLettersOf: string, group: string): Promise<void> {
    await this.producer.connect();
    this.dlqReader = this.kafka.consumer({
      groupId: `dlq-reader-${randomUUID()}`,
      maxWaitTimeInMs: 500,
    });
    await this.dlqReader.connect();
    // Real Kafka (and the stand-in, like it) refuses a subscribe to a missing topic.
    const dlq = dlqTopicOf(readDeadLettersOf, group);
    await ensureTopics(this.kafka, [dlq]);
    await this.dlqReader.subscribe({ topic: dlq, fromBeginning: true });
    await this.dlqReader.run({
      eachMessage: ({ message }) => {
        this.deadLetters.push(message);
        for (const listener of this.deadLetterListeners) listener();
        return Promise.resolve();
      },
    });
  }

  /** Publishes a valid `order.completed.v1` CloudEvent, keyed by its order id. */
  publishOrderCompleted(correlationId = 'req-test'): Promise<ShopEvent<'order.completed.v1'>> {
    const data = messageExamples['order.completed.v1'];
    return this.publish('order.completed.v1', data, correlationId);
  }

  /** Publishes a CloudEvent made with `createEvent`, on the kind's topic, keyed by its subject. */
  async publish<K extends KafkaEventKind>(
    kind: K,
    data: DataOf<K>,
    correlationId = 'req-test',
  ): Promise<ShopEvent<K>> {
    const subject = (data as { orderId: string }).orderId;
    const event = createEvent(kind, data, { subject, correlationId });
    await this.publishEvent(event);
    return event;
  }

  /** Publishes an event as is: the way to deliver the same event twice. */
  async publishEvent<K extends KafkaEventKind>(event: ShopEvent<K>): Promise<void> {
    const kind = messageKindOfType(event.type) as K;
    await this.publishRaw(messageKinds[kind].route.topic, event.subject, JSON.stringify(event));
  }

  async publishRaw(topic: string, key: string, value: string): Promise<void> {
    await this.producer.send({ topic, messages: [{ key, value }] });
  }

  /** Publishes raw messages in order, in batches of `chunk`: the way to send a fuzz batch. */
  async publishMessages(
    topic: string,
    messages: readonly { readonly key: string; readonly value: Buffer }[],
    chunk = 50,
  ): Promise<void> {
    for (let i = 0; i < messages.length; i += chunk) {
      const slice = messages.slice(i, i + chunk).map(({ key, value }) => ({ key, value }));
      await this.producer.send({ topic, messages: slice });
    }
  }

  /** The dead letters read so far, as (key, code, reason, group). */
  deadLetterSummaries(): DeadLetterSummary[] {
    return this.deadLetters.map((m) => ({
      key: m.key?.toString() ?? '',
      code: m.headers?.[DeadLetterHeaders.code]?.toString() ?? '',
      reason: m.headers?.[DeadLetterHeaders.reason]?.toString() ?? '',
      group: m.headers?.[DeadLetterHeaders.group]?.toString() ?? '',
    }));
  }

  /** The dead letters read so far of these messages (found by key). */
  deadLettersOf(messages: readonly { readonly key: string }[]): DeadLetterSummary[] {
    const keys = new Set(messages.map((m) => m.key));
    return this.deadLetterSummaries().filter((d) => keys.has(d.key));
  }

  /** Resolves once a dead letter per message was read (counted); rejects after `timeoutMs`. */
  async untilDeadLettered(
    messages: readonly { readonly key: string }[],
    timeoutMs = 60_000,
  ): Promise<void> {
    const done = () => this.deadLettersOf(messages).length >= messages.length;
    if (done()) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.deadLetterListeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (done()) settle();
      };
      const timer = setTimeout(() => {
        const read = this.deadLettersOf(messages).length;
        settle(
          new Error(`${read} of ${messages.length} messages dead-lettered in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.deadLetterListeners.add(check);
    });
  }

  async disconnect(): Promise<void> {
    await this.dlqReader?.disconnect();
    await this.producer.disconnect();
  }
}
