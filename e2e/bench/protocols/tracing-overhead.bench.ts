// What tracing costs one HTTP read, measured without the stack: the bare
// node:http baseline started with the tracing preload in three settings —
// off, every read traced, hot reads sampled at the default — exporting to the
// stack's own trace collector, loaded in turn (interleaved, ROUNDS times).
//
//   pnpm --filter @shop/e2e bench:tracing-overhead
//   BENCH_DURATION_S (5) BENCH_ROUNDS (2) BENCH_CONCURRENCY (50)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import { cpuSeconds } from '../cpu-usage.js';
import { COURSE_ID } from './bench-reads.js';
import { startBaseline } from './baselines/start-baseline.js';
import { httpLoad } from './http-load.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const repo = (path: string) => new URL(`../../../${path}`, import.meta.url).pathname;
const PAYLOAD = JSON.stringify({ id: COURSE_ID, description: 'x'.repeat(900) });
const VARIANTS: readonly [string, Record<string, string>][] = [
  ['tracing off', { OTEL_SDK_DISABLED: 'true' }],
  ['every read traced (ratio 1)', { SHOP_TRACES_HOT_READ_RATIO: '1' }],
  ['hot reads sampled (ratio 0.1)', { SHOP_TRACES_HOT_READ_RATIO: '0.1' }],
];
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  say(
    `load average before the run: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const collector = spawn(
    process.execPath,
    [repo('infra/trace-collector/dist/cli.js'), '--port', '0', '--file', '/dev/null'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(createInterface({ input: collector.stdout }), 'line')) as [string];
  const endpoint = /(http:\/\/[\d.]+:\d+)/.exec(line)?.[1];
  if (!endpoint) throw new Error(`the trace collector said: ${line}`);
  try {
    for (let round = 1; round <= ROUNDS; round++)
      for (const [name, env] of VARIANTS) {
        const server = await startBaseline('bare-http.server.ts', PAYLOAD, {
          preload: repo('libs/tracing/dist/register.js'),
          env: {
            OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
            OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
            OTEL_BSP_SCHEDULE_DELAY: '500', // as the stack exports
            OTEL_SERVICE_NAME: 'tracing-overhead',
            ...env,
          },
        });
        try {
          const load = httpLoad({ url: `http://127.0.0.1:${server.port}/v1/courses/${COURSE_ID}` });
          await load(CONCURRENCY, 2);
          const processes = [
            { name: 'server', pid: server.pid },
            { name: 'collector', pid: collector.pid },
          ];
          const before = cpuSeconds(processes);
          const result = await load(CONCURRENCY, DURATION_S);
          const after = cpuSeconds(processes);
          const perRequestUs = (p: string) =>
            (((after.get(p) ?? 0) - (before.get(p) ?? 0)) * 1e6) / Math.max(result.ok, 1);
          say(
            `#${round} ${name.padEnd(30)} ${Math.round(result.ok / result.durationS)} req/s, server ${perRequestUs('server').toFixed(0)} µs/req, collector ${perRequestUs('collector').toFixed(0)} µs/req`,
          );
        } finally {
          await server.stop();
        }
      }
  } finally {
    collector.kill();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
