import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { currentCorrelationId } from '@shop/tracing';
import { recordSpans, type SpanRecorder } from '@shop/tracing/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../src/index.js';
import { RecordingPublisher } from '../src/testing/index.js';
import {
  enqueueCommitted,
  orderEvent,
  startOutboxDatabase,
  type OutboxDatabase,
} from './support/outbox-database.js';

let db: OutboxDatabase;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  db = await startOutboxDatabase();
});
afterAll(() => db.stop());
beforeEach(async () => {
  await db.pool.query('DELETE FROM outbox_messages');
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

async function relayTo(publisher: RecordingPublisher): Promise<void> {
  const relay = new OutboxRelay({
    pool: db.pool,
    publishers: { KAFKA: publisher },
    pollIntervalMs: 50,
    retryBackoff: { initialMs: 20, maxMs: 40 },
  });
  relays.push(relay);
  await relay.start();
}

async function storedTraceContext(id: string): Promise<unknown> {
  const { rows } = await db.pool.query<{ trace_context: unknown }>(
    'SELECT trace_context FROM outbox_messages WHERE id = $1',
    [id],
  );
  return rows[0]?.trace_context;
}

describe('the outbox without tracing', () => {
  it('stores no trace context and adds no trace headers', async () => {
    const publisher = new RecordingPublisher();
    const id = await enqueueCommitted(db.pool, orderEvent('order-untraced', 1));
    await relayTo(publisher);
    await expect.poll(() => publisher.confirmed.length === 1, { timeout: 10_000 }).toBe(true);

    expect(await storedTraceContext(id)).toBeNull();
    expect(publisher.confirmed[0]?.headers).toEqual({ 'x-test-seq': '1' });
  });
});

describe('the outbox with tracing', () => {
  let spans: SpanRecorder;
  beforeAll(() => {
    spans = recordSpans();
  });
  afterAll(() => spans.stop());

  it('keeps the writing transaction’s trace context in the row; the relay links to it and sends its own', async () => {
    const publisher = new RecordingPublisher();
    const id = await trace.getTracer('test').startActiveSpan('POST /v1/orders', (span) =>
      enqueueCommitted(db.pool, orderEvent('order-7', 1)).finally(() => {
        span.end();
      }),
    );
    await relayTo(publisher);
    await expect.poll(() => publisher.confirmed.length === 1, { timeout: 10_000 }).toBe(true);

    const [http] = spans.named('POST /v1/orders');
    const [enqueue] = spans.named('outbox enqueue order.completed.v1');
    const [publish] = spans.named('publish order.completed.v1');
    expect(enqueue!.parentSpanContext?.spanId).toBe(http!.spanContext().spanId);
    const { traceId, spanId } = enqueue!.spanContext();
    expect(await storedTraceContext(id)).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });

    expect(publish!.kind).toBe(SpanKind.PRODUCER);
    expect(publish!.spanContext().traceId).not.toBe(traceId);
    expect(publish!.links.map((l) => l.context.spanId)).toEqual([spanId]);
    expect(publish!.links[0]?.attributes).toEqual({ 'shop.link': 'outbox.enqueued' });
    expect(publish!.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'order.completed.v1',
      'messaging.operation.type': 'send',
      'shop.order_id': 'order-7',
      'shop.outbox.id': id,
      'shop.outbox.attempt': 1,
    });
    const sent = publish!.spanContext();
    expect(publisher.confirmed[0]?.headers).toEqual({
      'x-test-seq': '1',
      traceparent: `00-${sent.traceId}-${sent.spanId}-01`,
    });
  });

  it('publishes in the message’s correlation id and traces every attempt, failed ones as errors', async () => {
    const correlationIds: (string | undefined)[] = [];
    let attempts = 0;
    const publisher = new RecordingPublisher({
      onPublishStart: () => correlationIds.push(currentCorrelationId()),
      fail: () => ++attempts === 1,
    });
    const message = orderEvent('order-8', 1);
    const withCorrelation = {
      ...message,
      headers: { ...message.headers, 'x-correlation-id': 'req-order-8' },
    };
    await enqueueCommitted(db.pool, withCorrelation);
    await relayTo(publisher);
    await expect.poll(() => publisher.confirmed.length === 1, { timeout: 10_000 }).toBe(true);

    expect(correlationIds).toEqual(['req-order-8', 'req-order-8']);
    const tries = spans.named('publish order.completed.v1').filter(isAbout('order-8'));
    expect(tries.map((s) => [s.attributes['shop.outbox.attempt'], s.status.code])).toEqual([
      [1, SpanStatusCode.ERROR],
      [2, SpanStatusCode.UNSET],
    ]);
    expect(tries.every((s) => s.attributes['shop.correlation_id'] === 'req-order-8')).toBe(true);
  });
});

function isAbout(orderId: string) {
  return (span: { attributes: Record<string, unknown> }) =>
    span.attributes['shop.order_id'] === orderId;
}
