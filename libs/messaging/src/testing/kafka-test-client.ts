import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import {
  createEvent,
  dlqTopicOf,
  messageKindOfType,
  messageKinds,
  type DataOf,
  type KafkaEventKind,
  type ShopEvent,
} from '@shop/contracts';
import { ensureTopics } from '../lib/ensure-topics.js';
import { messageExamples } from '@shop/contracts/testing';

/**
 * For tests of a consumer: a producer of CloudEvents, as the producing service
 * would publish them, and a reader of one group's DLQ of a topic, as an operator would.
 */
export class KafkaTestClient {
  readonly deadLetters: KafkaMessage[] = [];
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private dlqReader: Consumer | undefined;

  constructor(brokers: string) {
    this.kafka = new Kafka({ clientId: 'test', brokers: [brokers], logLevel: logLevel.NOTHING });
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

  async disconnect(): Promise<void> {
    await this.dlqReader?.disconnect();
    await this.producer.disconnect();
  }
}
