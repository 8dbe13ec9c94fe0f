import { SpanKind, trace, type Attributes } from '@opentelemetry/api';
import {
  aggregateIdAttribute,
  CORRELATION_HEADER,
  currentCorrelationId,
  currentTraceCarrier,
  linkTo,
  ShopAttributes,
  traced,
  withCorrelationId,
  type TraceCarrier,
} from '@shop/tracing';
import { destinationName, type NewOutboxMessage, type OutboxMessage } from '../outbox-message.js';

const tracer = () => trace.getTracer('@shop/outbox');

/** On the relay's link to the enqueue it delivers, so tools can tell it from other links. */
export const OUTBOX_LINK_ATTRIBUTES = { 'shop.link': 'outbox.enqueued' } as const;

/**
 * The writer's span, `outbox enqueue <topic>`, a child of the transaction's
 * work (the HTTP request or the message being handled). `write` gets its
 * trace context to keep in the row.
 */
export function traceEnqueue(
  rowId: string,
  message: NewOutboxMessage,
  write: (traceContext: TraceCarrier) => Promise<void>,
): Promise<void> {
  const attributes = {
    ...messageAttributes(message, correlationIdOf(message) ?? currentCorrelationId()),
    'shop.outbox.id': rowId,
  };
  return traced(
    tracer(),
    `outbox enqueue ${destinationName(message.destination)}`,
    { kind: SpanKind.INTERNAL, attributes },
    () => write(currentTraceCarrier()),
  );
}

/**
 * The relay's span, `publish <topic>`: a PRODUCER span that starts a new trace
 * with a link to the enqueue (the row's trace context), not a child of it; a
 * row may wait, be retried and be published long after that work ended. Its
 * own context goes into the message headers, so consumers continue from it.
 * Runs in the message's correlation id, so whatever the publish logs carries it.
 */
export function tracePublish(
  message: OutboxMessage,
  publish: (outgoing: OutboxMessage) => Promise<void>,
): Promise<void> {
  const correlationId = correlationIdOf(message);
  const attributes = {
    ...messageAttributes(message, correlationId),
    'messaging.operation.type': 'send',
    'shop.outbox.id': message.id,
    'shop.outbox.attempt': message.attempts + 1,
    'shop.outbox.wait_ms': Math.max(0, Date.now() - message.createdAt.getTime()),
  };
  const run = () =>
    traced(
      tracer(),
      `publish ${destinationName(message.destination)}`,
      {
        kind: SpanKind.PRODUCER,
        root: true,
        links: linkTo(message.traceContext, OUTBOX_LINK_ATTRIBUTES),
        attributes,
      },
      () => publish({ ...message, headers: { ...message.headers, ...currentTraceCarrier() } }),
    );
  return correlationId === undefined ? run() : withCorrelationId(correlationId, run);
}

/** The correlation id a message carries: its `x-correlation-id` header, else the CloudEvent's `correlationid`. */
export function correlationIdOf(message: NewOutboxMessage): string | undefined {
  const fromEvent = message.payload.correlationid;
  return (
    message.headers?.[CORRELATION_HEADER] ?? (typeof fromEvent === 'string' ? fromEvent : undefined)
  );
}

function messageAttributes(
  message: NewOutboxMessage,
  correlationId: string | undefined,
): Attributes {
  return {
    'messaging.system': message.destination.transport === 'KAFKA' ? 'kafka' : 'rabbitmq',
    'messaging.destination.name': destinationName(message.destination),
    'messaging.message.id': message.payload.id,
    [aggregateIdAttribute(message.aggregateType)]: message.aggregateId,
    ...(correlationId === undefined ? {} : { [ShopAttributes.correlationId]: correlationId }),
  };
}
