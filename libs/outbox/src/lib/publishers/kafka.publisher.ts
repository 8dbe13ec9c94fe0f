import type { Kafka, Producer, RetryOptions } from 'kafkajs';
import type { OutboxMessage } from '../outbox-message.js';
import type { OutboxPublisher } from './outbox-publisher.js';

export interface KafkaPublisherOptions {
  /**
   * How long one `publish` keeps retrying inside kafkajs before the relay's own
   * backoff takes over. kafkajs's idempotent default is to retry forever, which
   * would hold the batch's row locks while the broker is down.
   */
  readonly retry?: RetryOptions;
}

const STRUCTURED_CLOUDEVENT = 'application/cloudevents+json';

/**
 * Publishes rows to Kafka as structured-mode CloudEvents: key = message key,
 * value = the CloudEvent JSON, headers = the row's headers. The producer is
 * idempotent with acks=all and one request in flight, so kafkajs's own retries
 * neither duplicate nor reorder a partition's records.
 */
export class KafkaPublisher implements OutboxPublisher {
  private readonly producer: Producer;
  private connection: Promise<void> | undefined;

  constructor(kafka: Kafka, options: KafkaPublisherOptions = {}) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: options.retry ?? { retries: 3, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connection = undefined;
    });
  }

  async publish(message: OutboxMessage): Promise<void> {
    const { destination } = message;
    if (destination.transport !== 'KAFKA') throw new Error('KafkaPublisher got an AMQP row');
    await this.connect();
    await this.producer.send({
      topic: destination.topic,
      acks: -1,
      messages: [
        {
          key: message.messageKey,
          value: JSON.stringify(message.payload),
          headers: { 'content-type': STRUCTURED_CLOUDEVENT, ...message.headers },
        },
      ],
    });
  }

  async close(): Promise<void> {
    this.connection = undefined;
    await this.producer.disconnect();
  }

  // Connects lazily and again after a failure, so a broker that is down when
  // the relay starts only delays rows instead of failing the service.
  private connect(): Promise<void> {
    this.connection ??= this.producer.connect().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }
}
