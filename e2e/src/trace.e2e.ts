import { randomUUID } from 'node:crypto';
import { readSpans, type StoredSpan } from '@shop/trace-collector';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectToStack } from '../support/flow.js';
import { BffClient } from '../support/graphql.client.js';
import { graphqlBffEntry, type PlacedPurchase } from '../support/purchase-entry.js';
import { pollUntil, PurchaseTrace } from '../support/purchase-trace.js';
import { logLinesOf, type LogLine } from '../support/service-logs.js';
import { leaksIn } from '../support/span-secrets.js';

const { stack, checkout, effects, close } = connectToStack();
const { logDir, traceFile } = inject('stack');
const entry = graphqlBffEntry(BffClient.onPort(stack.ports.BFF_PORT));
const correlationId = `e2e-trace-${randomUUID()}`;
const DB_SERVICES = ['checkout', 'payment', 'enrollment', 'notification', 'analytics'];
const CONSUMERS = ['enrollment', 'checkout', 'notification', 'analytics'];

let purchase: PlacedPurchase;
let trace: PurchaseTrace;

// Log lines arrive shortly after the work.
const eventually = { timeout: 20_000, interval: 250 } as const;

beforeAll(async () => {
  if (!traceFile) throw new Error('the stack runs without its trace collector');
  purchase = await entry.place(correlationId);
  const { orderId } = purchase;
  await pollUntil(
    'the order is COMPLETED',
    () => checkout.getOrder(orderId, purchase.learnerId),
    (a) => a.json.status === 'COMPLETED',
  );
  await pollUntil(
    'the receipt is sent',
    () => effects.receipts(orderId),
    (n) => n === 1,
  );
  // Spans arrive shortly after the work (batched export every 0.5 s).
  trace = await pollUntil(
    'every consumer span of the purchase is exported',
    () => PurchaseTrace.read(traceFile, orderId),
    (t) => CONSUMERS.every((c) => t.spans.some((s) => s.kind === 'CONSUMER' && s.service === c)),
  );
}, 60_000);
afterAll(close);

/**
 * One asynchronous hop through an outbox: `writer` enqueues `topic` below
 * `cause`; the relay's `publish <topic>` starts a new trace linked to that
 * enqueue; each consumer's span continues the relay's trace. Returns them.
 */
function outboxHop(cause: StoredSpan, writer: string, topic: string, consumers: string[]) {
  const enqueue = trace.one({ service: writer, name: `outbox enqueue ${topic}` });
  expect(
    trace.below(cause),
    `the enqueue of ${topic} happens in the work that caused it`,
  ).toContainEqual(enqueue);
  const [publish, ...more] = trace.linkingTo(enqueue);
  expect(more).toEqual([]);
  expect(publish).toMatchObject({ service: writer, name: `publish ${topic}`, kind: 'PRODUCER' });
  expect(publish!.attributes).toMatchObject({
    'messaging.destination.name': topic,
    'shop.order_id': purchase.orderId,
  });
  expect(publish!.traceId).not.toBe(enqueue.traceId);
  expect(publish!.links[0]?.attributes).toEqual({ 'shop.link': 'outbox.enqueued' });
  const consumed = trace.below(publish!).filter((s) => s.kind === 'CONSUMER');
  expect(consumed.map((s) => s.service).sort()).toEqual([...consumers].sort());
  return consumed;
}

describe(`one purchase through ${entry.name}, traced`, () => {
  it('leaves spans in every app, joined by parents across sync hops and by outbox links across async ones', () => {
    expect(trace.services).toEqual([...entry.services].sort());
    const edge = trace.one(entry.edge);
    expect(edge.kind).toBe('SERVER');

    // checkout → payment over gRPC, inside the request: one trace, parent to child.
    const authorize = trace
      .below(edge)
      .filter((s) => s.service === 'payment' && s.kind === 'SERVER');
    expect(authorize.map((s) => s.name)).toEqual(['grpc.shop.payment.v1.PaymentService/Authorize']);
    expect(
      trace.below(authorize[0]!).some((s) => s.attributes['db.system.name'] === 'postgresql'),
    ).toBe(true);

    // outbox → RabbitMQ → enrollment; enrollment's outbox → Kafka → checkout; checkout's → notification, analytics.
    const [grantSeat] = outboxHop(edge, 'checkout', 'enrollment.grant-seat', ['enrollment']);
    expect(grantSeat?.attributes).toMatchObject({
      'messaging.rabbitmq.routing_key': 'enrollment.grant-seat',
      'shop.order_id': purchase.orderId,
    });
    const [seatGranted] = outboxHop(grantSeat!, 'enrollment', 'enrollment.seat-granted.v1', [
      'checkout',
    ]);
    const completed = outboxHop(seatGranted!, 'checkout', 'order.completed.v1', [
      'notification',
      'analytics',
    ]);
    for (const consumer of [seatGranted!, ...completed]) {
      expect(consumer.attributes).toMatchObject({
        'messaging.system': 'kafka',
        'cloudevents.event_subject': purchase.orderId,
      });
    }
    // Every service that owns a database shows its queries.
    const queried = new Set(
      trace.spans.filter((s) => s.attributes['db.system.name']).map((s) => s.service),
    );
    expect([...queried].sort()).toEqual([...DB_SERVICES].sort());
    // Four traces: the request, then one per outbox hop.
    expect(trace.traceIds.size).toBe(4);
  });

  it('carries the same correlation id on every span that names one, every log line and every message of the purchase', async () => {
    const named = trace.spans.filter((s) => s.attributes['shop.correlation_id'] !== undefined);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named.map((s) => s.attributes['shop.correlation_id']))).toEqual(
      new Set([correlationId]),
    );

    // A line is of this purchase when it was written in one of its traces, or
    // outside any trace but naming its order. (Reading the order back with GET
    // is a request of its own, with its own trace and correlation id.)
    const ofPurchase = (line: LogLine) =>
      typeof line.trace_id === 'string'
        ? trace.traceIds.has(line.trace_id)
        : line.raw.includes(purchase.orderId);
    let lines: LogLine[] = [];
    await expect
      .poll(async () => {
        lines = (await Promise.all(entry.services.map((s) => logLinesOf(logDir, s))))
          .flat()
          .filter(ofPurchase);
        return [...new Set(lines.map((l) => l.service))].sort();
      }, eventually)
      .toEqual([...entry.services].sort());
    const strays = lines.filter((l) => l.correlationId !== correlationId);
    expect(strays.map((l) => l.raw)).toEqual([]);

    // And every message of the purchase, command and events, carries it in its CloudEvent.
    const messages = [
      ...(await effects.outbox('checkout', purchase.orderId)),
      ...(await effects.outbox('enrollment', purchase.orderId)),
    ];
    expect(messages.map((m) => m.topic).sort()).toEqual([
      'enrollment.grant-seat',
      'enrollment.seat-granted.v1',
      'order.completed.v1',
    ]);
    expect(messages.map((m) => m.payload.correlationid)).toEqual(messages.map(() => correlationId));
  });

  it('exports no card token, e-mail address, request body or learner id in any span of the whole suite', async () => {
    const everything = await readSpans(traceFile!);
    expect(everything.length).toBeGreaterThan(trace.spans.length);
    // The scanner itself finds what it must.
    const planted = {
      ...trace.spans[0]!,
      attributes: { 'http.request.body': `{"cardToken":"${purchase.cardToken}"}` },
    };
    expect(leaksIn([planted], { values: [] }).length).toBeGreaterThan(0);

    expect(leaksIn(everything, { values: [purchase.learnerId, purchase.cardToken] })).toEqual([]);
  });
});
