import { appendFile, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findOrderTraces,
  IndexedSpanFile,
  JaegerSpanSource,
  startTraceCollector,
  type StoredSpan,
} from '../src/index.js';
import { otlpJsonOf } from './support/otlp-json-of.js';
import { recorded } from './support/recorded-purchases.js';

const completed = recorded('completed').spans;
const courseFull = recorded('course-full').spans;
const orderOf = (spans: readonly StoredSpan[]) =>
  spans.map((s) => s.attributes['shop.order_id']).find((o) => typeof o === 'string')!;
const lines = (spans: readonly StoredSpan[]) => spans.map((s) => `${JSON.stringify(s)}\n`).join('');
const ids = (spans: readonly StoredSpan[]) => spans.map((s) => s.spanId).sort();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'span-sources-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('IndexedSpanFile', () => {
  it('answers an order’s spans across its linked traces, and leaves other orders’ spans out', async () => {
    const file = join(dir, 'two-orders.jsonl');
    await writeFile(file, lines([...completed, ...courseFull]));
    const index = new IndexedSpanFile(file);
    expect(ids(await index.spansOfOrder(orderOf(completed)))).toEqual(ids(completed));
    expect(ids(await index.spansOfOrder(orderOf(courseFull)))).toEqual(ids(courseFull));
    expect(await index.spansOfOrder('no-such-order')).toEqual([]);
  });

  it('reads only what was appended since the last read, and a torn last line once it is whole', async () => {
    const file = join(dir, 'growing.jsonl');
    const [first, ...rest] = completed;
    const torn = lines(rest);
    await writeFile(file, lines([first!]) + torn.slice(0, 100));
    const index = new IndexedSpanFile(file);
    // The request's span names the order; the torn line is not read yet.
    expect(first!.attributes['shop.order_id']).toBe(orderOf(completed));
    expect(ids(await index.spansOfOrder(orderOf(completed)))).toEqual([first!.spanId]);
    // Overwrite the bytes already read (same length): a re-read from the start would lose that span.
    const handle = await open(file, 'r+');
    await handle.write(' '.repeat(lines([first!]).length - 1), 0);
    await handle.close();
    await appendFile(file, torn.slice(100));
    expect(ids(await index.spansOfOrder(orderOf(completed)))).toEqual(ids(completed));
  });

  it('answers nothing for a file that does not exist yet', async () => {
    expect(await new IndexedSpanFile(join(dir, 'absent.jsonl')).spansOfOrder('x')).toEqual([]);
  });
});

describe('the collector’s read API', () => {
  it('serves GET /v1/orders/{orderId}/spans from its file, and refuses an id that is not one with 400', async () => {
    const file = join(dir, 'collector', 'spans.jsonl');
    const collector = await startTraceCollector({ file });
    try {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, lines(completed));
      const get = (path: string) => fetch(`${collector.endpoint}${path}`);
      const found = await get(`/v1/orders/${orderOf(completed)}/spans`);
      expect(found.status).toBe(200);
      const body = (await found.json()) as { orderId: string; spans: StoredSpan[] };
      expect(ids(body.spans)).toEqual(ids(completed));
      const none = (await (
        await get('/v1/orders/7d0e1c4a-0000-4000-8000-000000000000/spans').then((r) => r)
      ).json()) as { spans: unknown[] };
      expect(none.spans).toEqual([]);
      for (const bad of [
        '/v1/orders/a.b/spans',
        '/v1/orders/a%20b/spans',
        `/v1/orders/${'x'.repeat(65)}/spans`,
      ]) {
        const refused = await get(bad);
        expect(refused.status, bad).toBe(400);
      }
    } finally {
      await collector.stop();
    }
  });
});

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
