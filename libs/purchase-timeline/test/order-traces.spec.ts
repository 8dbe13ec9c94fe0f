import { describe, expect, it } from 'vitest';
import { findOrderTraces, latestOrderId } from '../src/index.js';
import { PURCHASE, span } from '../src/testing/index.js';

describe('findOrderTraces', () => {
  it('finds the traces that name the order, earliest first, and leaves other orders out', () => {
    const traces = findOrderTraces(PURCHASE, 'order-1');
    expect(traces.map((t) => t.traceId)).toEqual(['A', 'B']);
    expect(traces[0]?.spans.map((s) => s.spanId)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('follows span links both ways, to traces that do not name the order themselves', () => {
    const upstream = span('U', 'u1', 'POST /graphql', {
      service: 'bff',
      kind: 'SERVER',
      startMs: -5,
      endMs: 41,
    });
    const linkedFrom = span(
      'L',
      'l1',
      'publish order.completed.v1',
      { service: 'checkout', kind: 'PRODUCER', startMs: 90, endMs: 91 },
      { links: [{ traceId: 'B', spanId: 'b3', attributes: {} }] },
    );
    const named = span(
      'A2',
      'n1',
      'outbox enqueue',
      { service: 'checkout', kind: 'INTERNAL', startMs: 1, endMs: 2 },
      {
        attributes: { 'shop.order_id': 'order-9' },
        links: [{ traceId: 'U', spanId: 'u1', attributes: {} }],
      },
    );
    const traces = findOrderTraces([...PURCHASE, upstream, linkedFrom, named], 'order-9');
    expect(traces.map((t) => t.traceId)).toEqual(['U', 'A2']);
    expect(findOrderTraces([...PURCHASE, linkedFrom], 'order-1').map((t) => t.traceId)).toEqual([
      'A',
      'B',
      'L',
    ]);
  });

  it('finds nothing for an order no span names', () => {
    expect(findOrderTraces(PURCHASE, 'order-404')).toEqual([]);
  });
});

describe('latestOrderId', () => {
  it('is the order of the most recently started span that names one', () => {
    expect(latestOrderId(PURCHASE)).toBe('order-2');
    expect(latestOrderId([])).toBeUndefined();
  });
});
