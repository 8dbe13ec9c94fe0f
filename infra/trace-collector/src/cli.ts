#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startTraceCollector } from './lib/otlp-receiver.js';

const HELP = `shop-trace-collector --file <spans.jsonl> [--port 4318] [--host 127.0.0.1]

A local OTLP/HTTP receiver for traces (JSON encoding): point exporters at it with
OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:<port> and
OTEL_EXPORTER_OTLP_PROTOCOL=http/json. Every span is appended to --file, one JSON
line each; \`shop-trace <orderId>\` reads that file.
`;

// The stack launcher spawns this and waits for the "listening on" line.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      port: { type: 'string', default: '4318' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || values.file === undefined) {
    process.stdout.write(HELP);
    process.exit(values.help ? 0 : 2);
  }
  const collector = await startTraceCollector({
    file: resolve(values.file),
    port: Number(values.port),
    host: values.host,
  });
  process.stdout.write(`listening on ${collector.endpoint} (spans → ${collector.file})\n`);
  const stop = (signal: string) => {
    process.stderr.write(`received ${signal}, stopping\n`);
    void collector.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.once('SIGINT', () => {
    stop('SIGINT');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `trace-collector failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
