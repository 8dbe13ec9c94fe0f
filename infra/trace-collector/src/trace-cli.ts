#!/usr/bin/env node
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findOrderTraces, latestOrderId } from '@shop/purchase-timeline';
import { readSpans } from './lib/span-file.js';
import { renderWaterfall } from './lib/waterfall.js';

const HELP = `pnpm trace <orderId | latest> [--file <spans.jsonl>] [--no-db]

Prints one order's purchase as a waterfall: every trace of it (the request and
each asynchronous hop, joined by the outbox's span links), every span with its
start, duration, service and kind. Reads the spans the local stack's collector
wrote (default: $STACK_DATA_DIR/traces/spans.jsonl, i.e. .data/stack/...).
  latest    the order of the most recent span that names one
  --no-db   leave out database spans
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      'no-db': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [wanted] = positionals;
  if (values.help || wanted === undefined) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const file = resolve(
    values.file ?? join(process.env.STACK_DATA_DIR ?? '.data/stack', 'traces', 'spans.jsonl'),
  );
  const spans = await readSpans(file);
  const orderId = wanted === 'latest' ? latestOrderId(spans) : wanted;
  const traces = orderId === undefined ? [] : findOrderTraces(spans, orderId);
  if (orderId === undefined || traces.length === 0) {
    process.stderr.write(
      `no span in ${file} names order ${orderId ?? '(none at all)'}.\n` +
        'Is the stack running (npm start)? Spans arrive about a second after the work.\n',
    );
    return 1;
  }
  process.stdout.write(`${renderWaterfall(orderId, traces, { hideDatabase: values['no-db'] })}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
