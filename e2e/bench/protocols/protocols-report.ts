import { percentile } from '../percentile.js';
import type { PhaseResult } from './load-phase.js';

/** One phase's figures. */
export interface Measurement {
  readonly rps: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly failures: number;
  /** CPU of the server process(es) per answered request, µs. */
  readonly serverCpuUs: number;
  /** CPU of the load generator (this process) per answered request, µs. */
  readonly generatorCpuUs: number;
}

export function measure(
  result: PhaseResult,
  serverCpuS: number,
  generatorCpuS: number,
): Measurement {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => percentile(sorted, q);
  const perRequestUs = (s: number) => (s * 1e6) / Math.max(result.ok, 1);
  return {
    rps: result.ok / result.durationS,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    failures: result.failures,
    serverCpuUs: perRequestUs(serverCpuS),
    generatorCpuUs: perRequestUs(generatorCpuS),
  };
}

/** Field by field, the median of the repetitions (the mean of the middle two when even). */
export function medianOf(runs: readonly Measurement[]): Measurement {
  const median = (pick: (m: Measurement) => number) => {
    const values = runs.map(pick).sort((a, b) => a - b);
    const mid = values.length / 2;
    return values.length % 2 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
  };
  return {
    rps: median((m) => m.rps),
    p50: median((m) => m.p50),
    p95: median((m) => m.p95),
    p99: median((m) => m.p99),
    failures: runs.reduce((sum, m) => sum + m.failures, 0),
    serverCpuUs: median((m) => m.serverCpuUs),
    generatorCpuUs: median((m) => m.generatorCpuUs),
  };
}

export interface TableRow {
  readonly protocol: string;
  readonly server: string;
  readonly concurrency: number;
  readonly figures: Measurement;
  /** req/s as a share of the baseline's in the same run; undefined for a baseline. */
  readonly ratio?: number | undefined;
}

export function markdownTable(rows: readonly TableRow[]): string[] {
  const ms = (v: number) => v.toFixed(1);
  return [
    '| protocol | server | c | req/s | p50 ms | p95 ms | p99 ms | server CPU µs/req | generator CPU µs/req | vs bare | failed |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows
      .map(({ protocol, server, concurrency, figures: f, ratio }) =>
        [
          protocol,
          server,
          concurrency,
          Math.round(f.rps),
          ms(f.p50),
          ms(f.p95),
          ms(f.p99),
          Math.round(f.serverCpuUs),
          Math.round(f.generatorCpuUs),
          ratio === undefined ? '1.00 (bare)' : ratio.toFixed(2),
          f.failures,
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
}
