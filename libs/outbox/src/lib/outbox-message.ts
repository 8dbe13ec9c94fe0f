/** Where the relay sends a row: matches the `outbox_destination` enum. */
export type OutboxDestination = 'KAFKA' | 'AMQP';

/**
 * The smallest CloudEvent the outbox accepts: a `CloudEvent` from the
 * `cloudevents` package, or its JSON, fits. `id` becomes the AMQP message id
 * and is what consumers deduplicate by.
 */
export interface CloudEventLike {
  readonly specversion: string;
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly [attribute: string]: unknown;
}

/** What a service hands to `Outbox.enqueue` inside its transaction. */
export interface NewOutboxMessage {
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly destination: OutboxDestination;
  /** Kafka topic, or AMQP routing key. */
  readonly topic: string;
  /** Messages with the same key are published in the order they were enqueued; null: no order. */
  readonly messageKey: string | null;
  /** Transport headers (e.g. trace context), sent as Kafka record headers or AMQP headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The whole CloudEvent, sent in structured mode. */
  readonly payload: CloudEventLike;
}

/** A row the relay claimed and hands to a publisher. */
export interface OutboxMessage extends Required<NewOutboxMessage> {
  readonly id: string;
  /** W3C trace context of the transaction that wrote the row; empty when it was not traced. */
  readonly traceContext: Readonly<Record<string, string>>;
  readonly createdAt: Date;
  /** Publish attempts made before this one. */
  readonly attempts: number;
}
