#!/usr/bin/env node
/* global fetch, process, setTimeout -- Node 24 globals */
// Records the timeline test fixtures from a running stack (npm start):
// places real orders — one that completes, one with a declined card, and two
// for the one-seat course (the second is refunded) — waits until each is
// final and its spans are exported, then writes each order's spans (database
// spans left out, to keep them small) and status history to test/fixtures/.
//
//   node libs/purchase-timeline/scripts/capture-timeline-fixtures.mjs \
//     --checkout http://127.0.0.1:3000 --bff http://127.0.0.1:4000 \
//     --spans .data/stack/traces/spans.jsonl [--out libs/purchase-timeline/test/fixtures]
//
// Run it on a fresh stack (empty STACK_DATA_DIR): the one-seat course must be free.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findOrderTraces } from '../dist/index.js';

// The collector's spans file: one JSON span a line (a torn last line is skipped).
async function readSpans(file) {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() === '' ? [] : [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

const { values } = parseArgs({
  options: {
    checkout: { type: 'string', default: 'http://127.0.0.1:3000' },
    bff: { type: 'string', default: 'http://127.0.0.1:4000' },
    spans: { type: 'string', default: '.data/stack/traces/spans.jsonl' },
    out: { type: 'string', default: 'libs/purchase-timeline/test/fixtures' },
    only: { type: 'string' },
  },
});
const COURSE = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01';
const ONE_SEAT = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04';
const learnerId = randomUUID();

const json = async (response) => ({ status: response.status, body: await response.json() });
const { body: issued } = await json(
  await fetch(`${values.bff}/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ learnerId }),
  }),
);
const auth = { authorization: `Bearer ${issued.token}` };

async function place(courseId, cardToken) {
  const { status, body } = await json(
    await fetch(`${values.checkout}/v1/orders`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ courseIds: [courseId], cardToken }),
    }),
  );
  const orderId = body.id ?? body.orderId;
  if (typeof orderId !== 'string')
    throw new Error(`no order id in ${status} ${JSON.stringify(body)}`);
  return orderId;
}

async function until(what, probe, done) {
  for (let tries = 0; tries < 120; tries++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting until ${what}`);
}

async function capture(name, orderId, lastSpan) {
  const order = await until(
    `${name} is final`,
    async () =>
      (await json(await fetch(`${values.checkout}/v1/orders/${orderId}`, { headers: auth }))).body,
    (o) => o.status === 'COMPLETED' || o.status === 'CANCELLED',
  );
  const spans = await until(
    `the spans of ${name} are exported`,
    async () =>
      findOrderTraces(await readSpans(resolve(values.spans)), orderId).flatMap((t) => t.spans),
    (all) => all.some((s) => s.name === lastSpan),
  );
  const kept = spans.filter((s) => s.attributes['db.system.name'] === undefined);
  await mkdir(values.out, { recursive: true });
  await writeFile(
    join(values.out, `${name}.spans.jsonl`),
    kept.map((s) => `${JSON.stringify(s)}\n`).join(''),
  );
  await writeFile(
    join(values.out, `${name}.history.json`),
    `${JSON.stringify(order.history, null, 2)}\n`,
  );
  process.stdout.write(
    `${name}: order ${orderId}, ${order.status}, ${kept.length} spans kept of ${spans.length}\n`,
  );
}

// Each case, and the span that shows its last hop was exported.
const cases = {
  completed: async () =>
    capture('completed', await place(COURSE, 'tok_visa'), 'process order.completed.v1'),
  'through-bff': async () => {
    const { body } = await json(
      await fetch(`${values.bff}/graphql`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation Buy($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
          variables: { input: { idempotencyKey: randomUUID(), courseIds: [COURSE] } },
        }),
      }),
    );
    await capture('through-bff', body.data.placeOrder.id, 'process order.completed.v1');
  },
  // 402; the problem names the order.
  declined: async () => capture('declined', await place(COURSE, 'tok_declined'), 'POST /v1/orders'),
  'course-full': async () => {
    await place(ONE_SEAT, 'tok_visa'); // takes the one seat (a no-op when a run before took it)
    await capture('course-full', await place(ONE_SEAT, 'tok_visa'), 'process order.cancelled.v2');
  },
};
for (const [name, run] of Object.entries(cases))
  if (!values.only || values.only === name) await run();
