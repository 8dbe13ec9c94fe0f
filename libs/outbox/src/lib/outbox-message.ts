/** Which broker the relay sends a row to: the `outbox_destination` column. */
export type OutboxTransport = 'KAFKA' | 'AMQP';

/**
 * Where exactly a row goes, stored in its own columns: a Kafka topic, or an
 * AMQP exchange and routing key (a CHECK constraint keeps the pairs whole).
 */
export type OutboxDestination =
  | { readonly transport: 'KAFKA'; readonly topic: string }
  | { readonly transport: 'AMQP'; readonly exchange: string; readonly routingKey: string };

/** The name spans show for a destination: the topic, or the routing key (the exchange is on the broker's own span). */
export function destinationName(destination: OutboxDestination): string {
  return destination.transport === 'KAFKA' ? destination.topic : destination.routingKey;
}

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
