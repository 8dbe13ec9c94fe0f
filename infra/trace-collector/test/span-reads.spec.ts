import { readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CollectorSpanSource } from '@shop/purchase-timeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexedSpanFile, startTraceCollector, type StoredSpan } from '../src/index.js';

// Real purchases' spans, recorded for @shop/purchase-timeline's tests.
const recorded = (name: string): StoredSpan[] =>
  readFileSync(
    new URL(`../../../libs/purchase-timeline/test/fixtures/${name}.spans.jsonl`, import.meta.url),
    'utf8',
  )
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredSpan);
const completed = recorded('completed');
const courseFull = recorded('course-full');
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
      // What checkout's timeline reads through.
      const source = new CollectorSpanSource(collector.endpoint);
      expect(ids(await source.spansOfOrder(orderOf(completed)))).toEqual(ids(completed));
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
