// The seed's mini benchmark, side by side in one run: the same ~1 KiB read
// over REST (checkout), gRPC (payment) and GraphQL (bff gateway → checkout),
// each next to a bare server serving the identical bytes, at concurrency 50
// and 300. Prints a markdown table; exits 0 even when a target is missed.
//
//   pnpm --filter @shop/e2e bench:protocols
//   BENCH_DURATION_S (7) BENCH_WARMUP_S (2) BENCH_JIT_WARMUP_S (5) BENCH_REPEATS (2)
//   BENCH_CONCURRENCY (50,300) BENCH_TRACING (on; off = OTEL_SDK_DISABLED=true)
//   BENCH_FLOOR_RATIOS=REST:0.05,gRPC:0.3,GraphQL:0.02: also exit 1 when a service's
//   share of its bare server falls below its floor, or any request failed (the short
//   CI run, tools/ci/bench-short.sh)
import { cpus, loadavg } from 'node:os';
import { benchStack } from './bench-stack.js';
import { cpuSeconds, ownCpuSeconds } from './cpu-usage.js';
import { checkFloors, ratioFloorsFromEnv, type FloorCheck } from './floors.js';
import { benchSeries, type Series } from './protocols/bench-series.js';
import {
  markdownTable,
  measure,
  medianOf,
  type Measurement,
} from './protocols/protocols-report.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 7);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
// Once per server before any measurement: the gateway's code paths take seconds to get optimised.
const JIT_WARMUP_S = Number(process.env.BENCH_JIT_WARMUP_S ?? 5);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 2);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '50,300').split(',').map(Number);
const TRACING = process.env.BENCH_TRACING !== 'off';
const RATIO_FLOORS = ratioFloorsFromEnv();
// The targets, judged on the uncached gateway.
const TARGETS = [
  { protocol: 'REST', share: 0.5, of: 'bare node:http' },
  { protocol: 'gRPC', share: 0.6, of: 'bare @grpc/grpc-js' },
  { protocol: 'GraphQL', share: 0.35, of: 'bare Apollo Server' },
] as const;
const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<boolean> {
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  say(
    `load average before the run: ${loadBefore}; ${cpus().length} cores; Node ${process.version}`,
  );
  say(
    `tracing in the apps: ${TRACING ? 'on (as the stack runs by default)' : 'off (OTEL_SDK_DISABLED=true)'}`,
  );
  const stack = await benchStack(process.env.BENCH_STACK_CONTROL_FILE, say, { tracing: TRACING });
  try {
    const bench = await benchSeries(stack.description);
    try {
      for (const s of bench.series)
        say(`${s.protocol.padEnd(8)} ${s.server}: ${s.bytes} bytes per answer`);
      const results = await run(bench.series);
      return report(bench.series, results);
    } finally {
      await bench.stop();
    }
  } finally {
    await stack.stop();
  }
}

type Results = Map<Series, Map<number, Measurement>>;

/** Every series at every concurrency, REPEATS times, interleaved (A, B, A, B) so that drift hits all alike. */
async function run(series: readonly Series[]): Promise<Results> {
  const runs = new Map(series.map((s) => [s, new Map<number, Measurement[]>()]));
  const phases = CONCURRENCY.length * REPEATS * series.length;
  if (JIT_WARMUP_S > 0) {
    say(`warming every server up for ${JIT_WARMUP_S} s`);
    for (const s of series) await s.load(Math.max(...CONCURRENCY), JIT_WARMUP_S);
  }
  say(
    `${phases} phases of ${WARMUP_S} s warm-up + ${DURATION_S} s load (~${Math.ceil((phases * (WARMUP_S + DURATION_S)) / 60)} min)`,
  );
  for (const concurrency of CONCURRENCY)
    for (let repeat = 1; repeat <= REPEATS; repeat++)
      for (const s of series) {
        if (WARMUP_S > 0) await s.load(concurrency, WARMUP_S);
        const serverBefore = cpuSum(s);
        const generatorBefore = ownCpuSeconds();
        const result = await s.load(concurrency, DURATION_S);
        const m = measure(result, cpuSum(s) - serverBefore, ownCpuSeconds() - generatorBefore);
        const perConcurrency = runs.get(s)!;
        perConcurrency.set(concurrency, [...(perConcurrency.get(concurrency) ?? []), m]);
        say(
          `  c=${concurrency} #${repeat} ${s.server}: ${Math.round(m.rps)} req/s, p99 ${m.p99.toFixed(1)} ms, ${m.failures} failed`,
        );
      }
  return new Map(
    [...runs].map(([s, byC]) => [s, new Map([...byC].map(([c, ms]) => [c, medianOf(ms)]))]),
  );
}

function cpuSum(s: Series): number {
  return [...cpuSeconds(s.processes).values()].reduce((a, b) => a + b, 0);
}

/** Prints the table and the targets; false when floors are set and one is breached or a request failed. */
function report(series: readonly Series[], results: Results): boolean {
  const figures = (s: Series, c: number) => results.get(s)?.get(c);
  const ratio = (s: Series, c: number) => {
    const own = figures(s, c);
    const bare = s.baseline && figures(s.baseline, c);
    return own && bare ? own.rps / bare.rps : undefined;
  };
  const rows = CONCURRENCY.flatMap((concurrency) =>
    series.map((s) => ({
      protocol: s.protocol,
      server: s.server,
      concurrency,
      figures: figures(s, concurrency)!,
      ratio: ratio(s, concurrency),
    })),
  );
  say(
    `\nMedian of ${REPEATS} run(s) of ${DURATION_S} s per row; load generator on the same 2 cores; load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}.\n`,
  );
  for (const line of markdownTable(rows)) say(line);
  say('');
  for (const target of TARGETS) {
    // The first series of a protocol is the service (for GraphQL: the uncached gateway).
    const service = series.find((s) => s.protocol === target.protocol && s.baseline);
    if (!service) continue;
    for (const c of CONCURRENCY) {
      const r = ratio(service, c) ?? NaN;
      const verdict = r >= target.share ? 'met' : 'MISSED';
      say(
        `target ${service.server} ≥ ${target.share * 100} % of ${target.of} at c=${c}: ${(r * 100).toFixed(0)} % ${verdict}`,
      );
    }
  }
  if (RATIO_FLOORS.size === 0) return true;
  say('\nfloors (a collapse, not a target):');
  const failed = [...results.values()]
    .flatMap((byC) => [...byC.values()])
    .reduce((sum, m) => sum + m.failures, 0);
  const checks: FloorCheck[] = [];
  for (const [protocol, floor] of RATIO_FLOORS) {
    const service = series.find((s) => s.protocol === protocol && s.baseline);
    if (!service) throw new Error(`BENCH_FLOOR_RATIOS names ${protocol}, which has no series`);
    for (const c of CONCURRENCY)
      checks.push({
        name: `${service.server} vs bare at c=${c}`,
        value: ratio(service, c) ?? 0,
        floor,
      });
  }
  const aboveFloors = checkFloors(checks, say);
  say(`  ${failed === 0 ? 'ok  ' : 'FAIL'} failed requests: ${failed}`);
  return aboveFloors && failed === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
