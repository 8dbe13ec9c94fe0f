import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { purchaseTimeline, type Hop, type StoredSpan } from '../src/index.js';
import { span } from '../src/testing/index.js';
import { recorded } from './support/recorded-purchases.js';

const row = (h: Hop) => [h.step, h.service, h.intent, h.transport, h.mode, h.outcome].join(' | ');
const hopNamed = (hops: readonly Hop[], step: string) => {
  const found = hops.find((h) => h.step === step);
  if (!found) throw new Error(`no hop "${step}" in: ${hops.map((h) => h.step).join(', ')}`);
  return found;
};

describe('purchaseTimeline over recorded purchases', () => {
  it('reads a completed purchase as request, gRPC authorize, outbox write, AMQP command, then Kafka events to their consumers', () => {
    const { hops } = purchaseTimeline(recorded('completed').spans);
    expect(hops.map(row)).toEqual([
      'POST /v1/orders | checkout | COMMAND | HTTP | SYNC | OK',
      'payment.Authorize | payment | COMMAND | GRPC | SYNC | OK',
      'outbox write enrollment.grant-seat | checkout | WRITE | OUTBOX | SYNC | OK',
      'relay publishes enrollment.grant-seat | checkout | COMMAND | AMQP | ASYNC | OK',
      'enrollment.grant-seat → enrollment | enrollment | COMMAND | AMQP | ASYNC | OK',
      'outbox write enrollment.seat-granted.v1 | enrollment | WRITE | OUTBOX | SYNC | OK',
      'relay publishes enrollment.seat-granted.v1 | enrollment | EVENT | KAFKA | ASYNC | OK',
      'enrollment.seat-granted.v1 → checkout | checkout | EVENT | KAFKA | ASYNC | OK',
      'outbox write order.completed.v1 | checkout | WRITE | OUTBOX | SYNC | OK',
      'relay publishes order.completed.v1 | checkout | EVENT | KAFKA | ASYNC | OK',
      'order.completed.v1 → analytics | analytics | EVENT | KAFKA | ASYNC | OK',
      'order.completed.v1 → notification | notification | EVENT | KAFKA | ASYNC | OK',
    ]);
    expect(hopNamed(hops, 'payment.Authorize').caller).toBe('checkout');
    expect(hopNamed(hops, 'enrollment.grant-seat → enrollment').caller).toBe('checkout');
  });

  it('joins every hop to the hop it follows from, across the outbox links, and says how long each message waited', () => {
    const { hops } = purchaseTimeline(recorded('completed').spans);
    const byId = new Map(hops.map((h) => [h.id, h]));
    const causeOf = (step: string) => byId.get(hopNamed(hops, step).causedBy ?? '')?.step;
    expect(causeOf('payment.Authorize')).toBe('POST /v1/orders');
    expect(causeOf('relay publishes enrollment.grant-seat')).toBe(
      'outbox write enrollment.grant-seat',
    );
    expect(causeOf('enrollment.seat-granted.v1 → checkout')).toBe(
      'relay publishes enrollment.seat-granted.v1',
    );
    expect(causeOf('outbox write order.completed.v1')).toBe(
      'enrollment.seat-granted.v1 → checkout',
    );
    for (const hop of hops) {
      if (hop.mode === 'ASYNC') expect(hop.waitedMs, hop.step).toBeGreaterThanOrEqual(0);
      else expect(hop.waitedMs, hop.step).toBeNull();
      expect(hop.durationMs, hop.step).toBeGreaterThan(0);
    }
    // The relay's wait is the time the row sat in the outbox.
    const write = hopNamed(hops, 'outbox write enrollment.grant-seat');
    const publish = hopNamed(hops, 'relay publishes enrollment.grant-seat');
    const written = Date.parse(write.startedAt) + (write.durationMs ?? 0);
    expect(
      Math.abs(Date.parse(publish.startedAt) - written - (publish.waitedMs ?? 0)),
    ).toBeLessThan(2);
  });

  it('places each status change in the hop that was running when it was recorded', () => {
    const { hops, history } = purchaseTimeline(...args('completed'));
    const stepOf = (id: string | null) => hops.find((h) => h.id === id)?.step;
    expect(history.map((c) => [c.to, stepOf(c.duringHop)])).toEqual([
      ['PENDING_PAYMENT', 'POST /v1/orders'],
      ['PAID', 'POST /v1/orders'],
      ['ENROLLING', 'POST /v1/orders'],
      ['COMPLETED', 'enrollment.seat-granted.v1 → checkout'],
    ]);
  });

  it('shows a declined card as DECLINED at the gRPC authorize and at the request, with nothing sent on', () => {
    const { hops, history } = purchaseTimeline(...args('declined'));
    expect(hops.map(row)).toEqual([
      'POST /v1/orders | checkout | COMMAND | HTTP | SYNC | DECLINED',
      'payment.Authorize | payment | COMMAND | GRPC | SYNC | DECLINED',
    ]);
    expect(hopNamed(hops, 'payment.Authorize').outcomeDetail).toContain('card declined');
    expect(hopNamed(hops, 'POST /v1/orders').outcomeDetail).toBe('HTTP 402');
    expect(history.at(-1)).toMatchObject({ to: 'CANCELLED', duringHop: hops[0]?.id });
  });

  it('shows a course-full order as the rejection event, the refund call and the cancellation, in that order', () => {
    const { hops, history } = purchaseTimeline(...args('course-full'));
    const steps = hops.map((h) => h.step);
    const rejected = steps.indexOf('enrollment.seat-rejected.v1 → checkout');
    const refund = steps.indexOf('payment.Refund');
    const cancelled = steps.indexOf('relay publishes order.cancelled.v2');
    expect(rejected).toBeGreaterThan(steps.indexOf('enrollment.grant-seat → enrollment'));
    expect(refund).toBeGreaterThan(rejected);
    expect(cancelled).toBeGreaterThan(refund);
    expect(hopNamed(hops, 'payment.Refund')).toMatchObject({
      intent: 'COMMAND',
      transport: 'GRPC',
      caller: 'checkout',
      causedBy: hops[rejected]?.id,
    });
    const cancellation = history.find((c) => c.to === 'CANCELLED');
    expect(cancellation?.reason).toContain('COURSE_FULL');
    expect(cancellation?.duringHop).toBe(hops[rejected]?.id);
  });

  it('shows a purchase through the bff as the GraphQL mutation in the gateway, then in the checkout subgraph it called', () => {
    const { hops } = purchaseTimeline(recorded('through-bff').spans);
    expect(hops.slice(0, 3).map(row)).toEqual([
      'mutation placeOrder | bff | COMMAND | GRAPHQL | SYNC | OK',
      'mutation placeOrder | checkout | COMMAND | GRAPHQL | SYNC | OK',
      'payment.Authorize | payment | COMMAND | GRPC | SYNC | OK',
    ]);
    expect(hops[1]?.caller).toBe('bff');
  });

  it('shows each failed outbox publish as a RETRIED attempt with its reason, and the attempt that went through', () => {
    const { hops } = purchaseTimeline(recorded('relay-retried').spans);
    const publishes = hops.filter((h) => h.step === 'relay publishes enrollment.grant-seat');
    expect(publishes.map((h) => [h.attempt, h.outcome])).toEqual([
      [1, 'RETRIED'],
      [2, 'RETRIED'],
      [3, 'RETRIED'],
      [4, 'RETRIED'],
      [5, 'RETRIED'],
      [6, 'OK'],
    ]);
    expect(publishes[0]?.outcomeDetail).toContain('ECONNREFUSED');
    const waits = publishes.map((h) => h.waitedMs ?? 0);
    expect(waits).toEqual([...waits].sort((a, b) => a - b)); // the backoff grows
    const delivered = hopNamed(hops, 'enrollment.grant-seat → enrollment');
    expect(delivered.causedBy).toBe(publishes[5]?.id);
  });
});

function args(name: Parameters<typeof recorded>[0]) {
  const { spans, history } = recorded(name);
  return [spans, history] as const;
}

describe('purchaseTimeline on incomplete and unusual spans', () => {
  const purchase = recorded('completed').spans;

  it('never fails, and keeps every hop after its cause, whatever subset of the spans has arrived (missing parents, missing traces)', () => {
    fc.assert(
      fc.property(fc.subarray(purchase), fc.boolean(), (subset, reversed) => {
        const input = reversed ? [...subset].reverse() : subset;
        const { hops } = purchaseTimeline(input);
        const seen = new Set<string>();
        for (const hop of hops) {
          if (hop.causedBy !== null) expect(seen.has(hop.causedBy)).toBe(true);
          seen.add(hop.id);
          expect(input.some((s) => s.spanId === hop.spanId)).toBe(true);
        }
        expect(seen.size).toBe(hops.length);
      }),
    );
  });

  it('gives the same timeline whatever order the spans arrive in', () => {
    const expected = purchaseTimeline(purchase);
    fc.assert(
      fc.property(fc.shuffledSubarray(purchase, { minLength: purchase.length }), (shuffled) => {
        expect(purchaseTimeline(shuffled)).toEqual(expected);
      }),
    );
  });

  it('shows a span that has not ended as IN_PROGRESS without a duration, and leaves the others as they were', () => {
    const expected = purchaseTimeline(purchase).hops;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: purchase.length - 1 }), (index) => {
        const open = purchase.map((s, i) => (i === index ? { ...s, endTimeUnixNano: '0' } : s));
        const hops = purchaseTimeline(open).hops;
        for (const hop of hops) {
          if (hop.spanId === purchase[index]?.spanId) {
            expect(hop).toMatchObject({ outcome: 'IN_PROGRESS', durationMs: null });
          } else if (hop.causedBy === purchase[index]?.spanId && hop.transport !== 'OUTBOX') {
            // A publish whose outbox write has not ended falls back to the relay's own measure.
            expect({ ...hop, waitedMs: 0 }).toEqual({
              ...expected.find((h) => h.id === hop.id),
              waitedMs: 0,
            });
          } else {
            expect(hop).toEqual(expected.find((h) => h.id === hop.id));
          }
        }
      }),
    );
  });

  it('keeps a consumer after its producer when the consumer’s clock runs behind', () => {
    const consumer = purchase.find((s) => s.name === 'enrollment.grant-seat process')!;
    const behind = (nano: string) => String(BigInt(nano) - 500_000_000n);
    const skewed = purchase.map((s) =>
      s.service === 'enrollment'
        ? {
            ...s,
            startTimeUnixNano: behind(s.startTimeUnixNano),
            endTimeUnixNano: behind(s.endTimeUnixNano),
          }
        : s,
    );
    const steps = purchaseTimeline(skewed).hops.map((h) => h.id);
    const publish = purchase.find((s) => s.name === 'publish enrollment.grant-seat')!;
    expect(steps.indexOf(consumer.spanId)).toBeGreaterThan(steps.indexOf(publish.spanId));
  });

  it('numbers the attempts of a retried gRPC call, the failed ones RETRIED', () => {
    const at = { service: 'checkout', kind: 'CLIENT' as const };
    const rpc = (status: number): Partial<StoredSpan> => ({
      parentSpanId: 'r',
      attributes: {
        'rpc.system': 'grpc',
        'rpc.service': 'shop.payment.v1.PaymentService',
        'rpc.method': 'Authorize',
        'rpc.grpc.status_code': status,
      },
      ...(status === 0 ? {} : { status: { code: 'ERROR', message: '14 UNAVAILABLE' } }),
    });
    const { hops } = purchaseTimeline([
      span(
        'T',
        'r',
        'POST /v1/orders',
        { service: 'checkout', kind: 'SERVER', startMs: 0, endMs: 90 },
        { attributes: { 'http.request.method': 'POST', 'http.route': '/v1/orders' } },
      ),
      span('T', 'c1', 'Authorize', { ...at, startMs: 1, endMs: 10 }, rpc(14)),
      span('T', 'c2', 'Authorize', { ...at, startMs: 30, endMs: 40 }, rpc(0)),
    ]);
    expect(hops.map((h) => [h.step, h.attempt, h.outcome])).toEqual([
      ['POST /v1/orders', null, 'OK'],
      ['PaymentService.Authorize', 1, 'RETRIED'],
      ['PaymentService.Authorize', 2, 'OK'],
    ]);
  });

  it('shows a delivery its consumer parked as DEAD_LETTERED with the code, and one left for redelivery as RETRIED', () => {
    const consumer = (id: string, outcome: string, more: Record<string, string | number> = {}) =>
      span(
        'K',
        id,
        'process order.completed.v1',
        { service: 'notification', kind: 'CONSUMER', startMs: 5, endMs: 9 },
        {
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': 'order.completed.v1',
            'shop.messaging.outcome': outcome,
            ...more,
          },
        },
      );
    const { hops } = purchaseTimeline([
      consumer('d', 'dead_lettered', { 'shop.messaging.dead_letter.code': 'SCHEMA_INVALID' }),
      consumer('r', 'retry_later', { 'shop.messaging.attempt': 2 }),
    ]);
    expect(hops.map((h) => [h.id, h.outcome, h.outcomeDetail, h.attempt, h.waitedMs])).toEqual([
      ['d', 'DEAD_LETTERED', 'SCHEMA_INVALID', null, null],
      ['r', 'RETRIED', null, 2, null],
    ]);
  });

  it('leaves database spans, internal spans and client-library send spans out, and places a change outside every hop nowhere', () => {
    const { hops, history } = purchaseTimeline(
      [
        span(
          'D',
          'q',
          'pg.query:SELECT',
          { service: 'checkout', kind: 'CLIENT', startMs: 0, endMs: 1 },
          { attributes: { 'db.system.name': 'postgresql' } },
        ),
        span('D', 'i', 'graphql.parse', { service: 'bff', kind: 'INTERNAL', startMs: 0, endMs: 1 }),
      ],
      [
        {
          from: null,
          to: 'PENDING_PAYMENT',
          reason: 'order placed',
          at: '2020-01-01T00:00:00.000Z',
        },
      ],
    );
    expect(hops).toEqual([]);
    expect(history).toEqual([
      {
        from: null,
        to: 'PENDING_PAYMENT',
        reason: 'order placed',
        at: '2020-01-01T00:00:00.000Z',
        duringHop: null,
      },
    ]);
  });
});
