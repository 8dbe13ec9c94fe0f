import type { AttributeValue, StoredSpan } from '../stored-span.js';
import type { HopOutcome } from './hop.js';

// Small readers over a span's attributes, by OpenTelemetry's semantic
// conventions (current names first, the older ones some instrumentations
// still emit after them).

export const text = (value: AttributeValue | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export function int(value: AttributeValue | undefined): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

export const first = (span: StoredSpan, ...keys: string[]): AttributeValue | undefined =>
  keys.map((key) => span.attributes[key]).find((value) => value !== undefined && value !== null);

export const isDatabase = (span: StoredSpan): boolean =>
  first(span, 'db.system.name', 'db.system') !== undefined;

export const httpMethod = (span: StoredSpan): string | undefined =>
  text(first(span, 'http.request.method', 'http.method'));

export const httpStatus = (span: StoredSpan): number | undefined =>
  int(first(span, 'http.response.status_code', 'http.status_code'));

export const rpcSystem = (span: StoredSpan): string | undefined =>
  text(span.attributes['rpc.system']);

/** AMQP or Kafka, from `messaging.system` (or, for AMQP, the protocol and RabbitMQ's own keys). */
export function messagingTransport(span: StoredSpan): 'AMQP' | 'KAFKA' | undefined {
  const system = text(span.attributes['messaging.system'])?.toLowerCase();
  if (system === 'kafka') return 'KAFKA';
  const protocol = text(span.attributes['messaging.protocol'])?.toUpperCase();
  if (system === 'rabbitmq' || protocol === 'AMQP') return 'AMQP';
  if (first(span, 'messaging.rabbitmq.routing_key', 'messaging.rabbitmq.destination.routing_key'))
    return 'AMQP';
  return undefined;
}

/** Where a message went: a RabbitMQ routing key names the command better than the exchange. */
export const messageDestination = (span: StoredSpan): string | undefined =>
  text(
    first(
      span,
      'messaging.rabbitmq.destination.routing_key',
      'messaging.rabbitmq.routing_key',
      'messaging.destination.name',
      'messaging.destination',
    ),
  );

export const isEnded = (span: StoredSpan): boolean =>
  /^\d+$/.test(span.endTimeUnixNano) &&
  BigInt(span.endTimeUnixNano) > 0n &&
  BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano);

// gRPC status codes (grpc/doc/statuscodes.md): the callee's considered "no",
// and the refusals of a request that should not be sent again as it is.
const GRPC_DECLINED = new Set([9]); // FAILED_PRECONDITION
const GRPC_REJECTED = new Set([3, 5, 6, 7, 11, 16]); // INVALID_ARGUMENT … UNAUTHENTICATED

/** The outcome a span's own status, gRPC code or HTTP status says (before retries and dead letters). */
export function spanOutcome(span: StoredSpan): { outcome: HopOutcome; detail: string | null } {
  if (!isEnded(span)) return { outcome: 'IN_PROGRESS', detail: null };
  const message =
    span.status.message ?? text(first(span, 'grpc.error_message', 'exception.message')) ?? null;
  const grpc = int(span.attributes['rpc.grpc.status_code']);
  if (grpc !== undefined && grpc !== 0) {
    const outcome = GRPC_DECLINED.has(grpc)
      ? 'DECLINED'
      : GRPC_REJECTED.has(grpc)
        ? 'REJECTED'
        : 'ERROR';
    return { outcome, detail: message ?? `gRPC status ${grpc}` };
  }
  const http = httpStatus(span);
  if (http !== undefined && http >= 400) {
    const outcome = http === 402 || http === 409 ? 'DECLINED' : http < 500 ? 'REJECTED' : 'ERROR';
    return { outcome, detail: `HTTP ${http}` };
  }
  if (span.status.code === 'ERROR') return { outcome: 'ERROR', detail: message };
  return { outcome: 'OK', detail: null };
}

export const nanoToIso = (nano: string): string =>
  new Date(Number(BigInt(nano) / 1_000_000n)).toISOString();
