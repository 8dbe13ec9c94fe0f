import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrderTraces, JaegerSpanSource, type StoredSpan } from '../src/index.js';
import { otlpJsonOf } from './support/otlp-json-of.js';
import { recorded } from './support/recorded-purchases.js';

const completed = recorded('completed').spans;
const orderOf = (spans: readonly StoredSpan[]) =>
  spans.map((s) => s.attributes['shop.order_id']).find((o) => typeof o === 'string')!;

describe('JaegerSpanSource (against answers in Jaeger’s formats: Jaeger cannot run on this machine)', () => {
  let jaeger: Server;
  let baseUrl: string;
  const searches: URLSearchParams[] = [];
  // The search finds only the last trace (the order.completed delivery); the rest is reached by links.
  const traces = findOrderTraces(completed, orderOf(completed));
  const last = traces.at(-1)!;

  beforeAll(async () => {
    jaeger = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://jaeger');
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/api/traces') {
        searches.push(url.searchParams);
        const tags = JSON.parse(url.searchParams.get('tags') ?? '{}') as Record<string, string>;
        const hit =
          url.searchParams.get('service') === 'checkout' &&
          tags['shop.order_id'] === orderOf(completed);
        res.end(
          JSON.stringify({
            data: hit ? [{ traceID: last.traceId, spans: [], processes: {} }] : [],
            total: 0,
            limit: 0,
            offset: 0,
            errors: null,
          }),
        );
        return;
      }
      const traceId = /^\/api\/v3\/traces\/([0-9a-f]+)$/.exec(url.pathname)?.[1];
      const trace = traces.find((t) => t.traceId === traceId);
      if (!trace) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { httpCode: 404, message: 'No traces found' } }));
        return;
      }
      res.end(JSON.stringify({ result: otlpJsonOf(trace.spans) }));
    });
    await new Promise<void>((resolve) => jaeger.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(jaeger.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) =>
        jaeger.close(() => {
          resolve();
        }),
      ),
  );

  it('finds the order’s traces by tag, reads each in OTLP form, and follows the outbox links to the rest', async () => {
    const source = new JaegerSpanSource({ baseUrl, services: ['checkout', 'enrollment'] });
    const spans = await source.spansOfOrder(orderOf(completed));
    expect(spans).toEqual(traces.flatMap((t) => t.spans));
    expect(searches.map((q) => q.get('service')).sort()).toEqual(['checkout', 'enrollment']);
    for (const query of searches) {
      expect(Number(query.get('end'))).toBeGreaterThan(Number(query.get('start'))); // microseconds
    }
  });

  it('answers no spans for an order Jaeger knows nothing of', async () => {
    const source = new JaegerSpanSource({ baseUrl, services: ['checkout'] });
    expect(await source.spansOfOrder('6a1d2b3c-0000-4000-8000-000000000000')).toEqual([]);
  });
});
