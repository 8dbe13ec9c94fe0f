import { millisBetween, type StoredSpan } from '../stored-span.js';
import type { Hop, HopIntent } from './hop.js';
import type { SpanGraph } from './span-graph.js';
import {
  first,
  httpMethod,
  int,
  isDatabase,
  isEnded,
  messageDestination,
  messagingTransport,
  rpcSystem,
  spanOutcome,
  text,
} from './span-reading.js';

/** A hop without its place in the order (`causedBy` is filled in by the timeline). */
export type HopShape = Omit<
  Hop,
  'id' | 'traceId' | 'spanId' | 'startedAt' | 'durationMs' | 'causedBy'
>;

// AIP-131/132-style read methods: a call named so only asks.
const READ_RPC = /^(Get|List|BatchGet|Search|Find|Lookup)[A-Z]/;
const READ_HTTP = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The hop a span stands for, or undefined when it is part of a hop rather than
 * one (database queries, framework internals, a client library's send span).
 * Decided from span kind and semantic-convention attributes only:
 * - a server span with `http.request.method`: a request in (GraphQL when its route is `/graphql`);
 * - a client span with `rpc.system` (or a server one whose client span is missing): a call;
 * - an internal span with `shop.outbox.id`: the outbox write, in the sender's transaction;
 * - a producer span with `shop.outbox.attempt`: the relay's publish of that row;
 * - a consumer span: a delivery (AMQP: a command to the queue's one owner; Kafka: an event).
 */
export function hopOfSpan(span: StoredSpan, graph: SpanGraph): HopShape | undefined {
  if (isDatabase(span)) return undefined;
  const parent = graph.parentOf(span);
  if (rpcSystem(span) !== undefined) {
    if (span.kind === 'CLIENT') return rpcHop(span, graph);
    if (span.kind === 'SERVER' && !(parent?.kind === 'CLIENT' && rpcSystem(parent)))
      return rpcHop(span, graph);
    return undefined;
  }
  if (span.kind === 'SERVER' && httpMethod(span) !== undefined) return httpHop(span, graph);
  if (span.kind === 'INTERNAL' && span.attributes['shop.outbox.id'] !== undefined)
    return outboxWriteHop(span);
  if (span.kind === 'PRODUCER' && span.attributes['shop.outbox.attempt'] !== undefined)
    return relayPublishHop(span, graph);
  if (span.kind === 'CONSUMER') return deliveryHop(span, graph);
  return undefined;
}

function httpHop(span: StoredSpan, graph: SpanGraph): HopShape {
  const method = httpMethod(span) ?? 'POST';
  const route = text(first(span, 'http.route', 'url.path', 'http.target'));
  const parent = graph.parentOf(span);
  const caller = parent && parent.service !== span.service ? parent.service : null;
  const base = { service: span.service, caller, mode: 'SYNC' as const, waitedMs: null };
  const { outcome, detail } = spanOutcome(span);
  if (route?.endsWith('/graphql')) {
    const inside = graph.descendantsOf(span);
    const operation = inside.map((s) => text(s.attributes['graphql.operation.type'])).find(Boolean);
    const fields = inside
      .filter((s) =>
        ['Query', 'Mutation'].includes(text(s.attributes['graphql.parent.name']) ?? ''),
      )
      .map((s) => text(s.attributes['graphql.field.name']));
    const rootFields = [...new Set(fields.filter((f): f is string => f !== undefined))];
    const failed = inside.find((s) => s.service === span.service && s.status.code === 'ERROR');
    return {
      ...base,
      step: [operation ?? `${method} ${route}`, ...rootFields.slice(0, 1)].join(' '),
      intent: operation === 'query' ? 'QUERY' : operation ? 'COMMAND' : intentOfMethod(method),
      transport: 'GRAPHQL',
      outcome: outcome === 'OK' && failed ? 'ERROR' : outcome,
      outcomeDetail: outcome === 'OK' && failed ? (failed.status.message ?? null) : detail,
      attempt: null,
    };
  }
  return {
    ...base,
    step: route ? `${method} ${route}` : span.name,
    intent: intentOfMethod(method),
    transport: 'HTTP',
    outcome,
    outcomeDetail: detail,
    attempt: null,
  };
}

const intentOfMethod = (method: string): HopIntent =>
  READ_HTTP.has(method.toUpperCase()) ? 'QUERY' : 'COMMAND';

function rpcHop(span: StoredSpan, graph: SpanGraph): HopShape {
  const server =
    span.kind === 'SERVER' ? span : graph.childrenOf(span).find((s) => s.kind === 'SERVER');
  const rpcService = text(span.attributes['rpc.service']) ?? span.name;
  const method = text(span.attributes['rpc.method']) ?? span.name;
  const caller = span.kind === 'CLIENT' ? span.service : (graph.parentOf(span)?.service ?? null);
  // Calls of one method from one parent are attempts of one call (the resilience policy's retries).
  const siblings = retriesOf(span, graph);
  const index = siblings.indexOf(span);
  const { outcome, detail } = spanOutcome(span);
  const retried = index < siblings.length - 1 && ['ERROR', 'REJECTED'].includes(outcome);
  return {
    step: `${server?.service ?? rpcService.split('.').at(-1) ?? rpcService}.${method}`,
    service: server?.service ?? rpcService,
    caller,
    intent: READ_RPC.test(method) ? 'QUERY' : 'COMMAND',
    transport: 'GRPC',
    mode: 'SYNC',
    waitedMs: null,
    outcome: retried ? 'RETRIED' : outcome,
    outcomeDetail: detail,
    attempt: siblings.length > 1 ? index + 1 : null,
  };
}

function retriesOf(span: StoredSpan, graph: SpanGraph): StoredSpan[] {
  const parent = graph.parentOf(span);
  if (!parent || span.kind !== 'CLIENT') return [span];
  const same = (s: StoredSpan) =>
    s.kind === 'CLIENT' &&
    s.attributes['rpc.service'] === span.attributes['rpc.service'] &&
    s.attributes['rpc.method'] === span.attributes['rpc.method'];
  return graph
    .childrenOf(parent)
    .filter(same)
    .sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
}

function outboxWriteHop(span: StoredSpan): HopShape {
  const { outcome, detail } = spanOutcome(span);
  return {
    step: `outbox write ${messageDestination(span) ?? span.name}`,
    service: span.service,
    caller: null,
    intent: 'WRITE',
    transport: 'OUTBOX',
    mode: 'SYNC',
    waitedMs: null,
    outcome,
    outcomeDetail: detail,
    attempt: null,
  };
}

function relayPublishHop(span: StoredSpan, graph: SpanGraph): HopShape {
  const transport = messagingTransport(span) ?? 'KAFKA';
  const attempt = int(span.attributes['shop.outbox.attempt']) ?? null;
  const enqueued = graph.linkTarget(span);
  const waited =
    enqueued && isEnded(enqueued)
      ? Math.max(0, millisBetween(enqueued.endTimeUnixNano, span.startTimeUnixNano))
      : (int(span.attributes['shop.outbox.wait_ms']) ?? null);
  const later = graph.spans.some(
    (s) =>
      s.kind === 'PRODUCER' &&
      s.attributes['shop.outbox.id'] === span.attributes['shop.outbox.id'] &&
      (int(s.attributes['shop.outbox.attempt']) ?? 0) > (attempt ?? 0),
  );
  const { outcome, detail } = spanOutcome(span);
  return {
    step: `relay publishes ${messageDestination(span) ?? span.name}`,
    service: span.service,
    caller: null,
    intent: transport === 'AMQP' ? 'COMMAND' : 'EVENT',
    transport,
    mode: 'ASYNC',
    waitedMs: waited,
    outcome: later && outcome !== 'OK' && outcome !== 'IN_PROGRESS' ? 'RETRIED' : outcome,
    outcomeDetail: detail,
    attempt,
  };
}

function deliveryHop(span: StoredSpan, graph: SpanGraph): HopShape | undefined {
  const transport = messagingTransport(span);
  if (!transport) return undefined;
  const sent = graph.ancestor(span, (s) => s.kind === 'PRODUCER');
  const handled = text(span.attributes['shop.messaging.outcome']);
  const own = spanOutcome(span);
  const { outcome, detail } =
    handled === 'dead_lettered'
      ? {
          outcome: 'DEAD_LETTERED' as const,
          detail: text(span.attributes['shop.messaging.dead_letter.code']) ?? own.detail,
        }
      : handled === 'retry_later'
        ? { outcome: 'RETRIED' as const, detail: own.detail }
        : own;
  return {
    step: `${messageDestination(span) ?? span.name} → ${span.service}`,
    service: span.service,
    caller: sent?.service ?? null,
    intent: transport === 'AMQP' ? 'COMMAND' : 'EVENT',
    transport,
    mode: 'ASYNC',
    waitedMs: sent
      ? Math.max(0, millisBetween(sent.startTimeUnixNano, span.startTimeUnixNano))
      : null,
    outcome,
    outcomeDetail: detail,
    attempt: int(span.attributes['shop.messaging.attempt']) ?? null,
  };
}
