import type { StoredSpan } from '../index.js';

const T0 = 1_764_000_000_000_000_000n; // some instant, in Unix nanoseconds

/** A stored span at `startMs`…`endMs` after T0; ids are short, readable stand-ins. */
export function span(
  traceId: string,
  spanId: string,
  name: string,
  at: { service: string; kind: StoredSpan['kind']; startMs: number; endMs: number },
  more: Partial<StoredSpan> = {},
): StoredSpan {
  const nano = (ms: number) => String(T0 + BigInt(Math.round(ms * 1000)) * 1000n);
  return {
    traceId,
    spanId,
    name,
    service: at.service,
    kind: at.kind,
    startTimeUnixNano: nano(at.startMs),
    endTimeUnixNano: nano(at.endMs),
    status: { code: 'UNSET' },
    attributes: {},
    links: [],
    events: [],
    ...more,
  };
}

const link = (traceId: string, spanId: string) => [
  { traceId, spanId, attributes: { 'shop.link': 'outbox.enqueued' } },
];

/**
 * A small purchase: the request (checkout → payment over gRPC, then the
 * outbox write), the relay's trace (AMQP to enrollment), and an unrelated
 * trace of another order.
 */
export const PURCHASE: StoredSpan[] = [
  span('A', 'a1', 'POST /v1/orders', {
    service: 'checkout',
    kind: 'SERVER',
    startMs: 0,
    endMs: 40,
  }),
  span(
    'A',
    'a2',
    'pg.query:SELECT checkout',
    { service: 'checkout', kind: 'CLIENT', startMs: 1, endMs: 2 },
    { parentSpanId: 'a1', attributes: { 'db.system.name': 'postgresql' } },
  ),
  span(
    'A',
    'a3',
    'grpc.shop.payment.v1.PaymentService/Authorize',
    { service: 'checkout', kind: 'CLIENT', startMs: 5, endMs: 25 },
    { parentSpanId: 'a1' },
  ),
  span(
    'A',
    'a4',
    'grpc.shop.payment.v1.PaymentService/Authorize',
    { service: 'payment', kind: 'SERVER', startMs: 6, endMs: 24 },
    { parentSpanId: 'a3' },
  ),
  span(
    'A',
    'a5',
    'outbox enqueue enrollment.grant-seat',
    { service: 'checkout', kind: 'INTERNAL', startMs: 30, endMs: 31 },
    { parentSpanId: 'a1', attributes: { 'shop.order_id': 'order-1' } },
  ),
  span(
    'B',
    'b1',
    'publish enrollment.grant-seat',
    { service: 'checkout', kind: 'PRODUCER', startMs: 45, endMs: 50 },
    { links: link('A', 'a5'), attributes: { 'shop.order_id': 'order-1' } },
  ),
  span(
    'B',
    'b2',
    'publish enrollment.commands',
    { service: 'checkout', kind: 'PRODUCER', startMs: 46, endMs: 49 },
    { parentSpanId: 'b1' },
  ),
  span(
    'B',
    'b3',
    'enrollment.grant-seat process',
    { service: 'enrollment', kind: 'CONSUMER', startMs: 52, endMs: 70 },
    { parentSpanId: 'b2', status: { code: 'ERROR', message: 'course full' } },
  ),
  span(
    'X',
    'x1',
    'publish order.completed.v1',
    { service: 'checkout', kind: 'PRODUCER', startMs: 80, endMs: 81 },
    { attributes: { 'shop.order_id': 'order-2' } },
  ),
];
