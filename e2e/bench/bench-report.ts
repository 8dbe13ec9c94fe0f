import type { FlowCounts } from './flow-counts.js';
import { percentile } from './percentile.js';

/** What one autocannon run saw. */
export interface LoadRun {
  created: number;
  statuses: Map<number, number>;
  latenciesMs: number[];
  errors: number;
  durationS: number;
}

/** Prints the figures and checks the invariants; true when every invariant holds (targets are only reported). */
export function report(
  run: LoadRun,
  d: FlowCounts,
  settleMs: number,
  connections: number,
  say: (line: string) => void,
): boolean {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const p = (q: number) => percentile(sorted, q);
  const ordersPerS = run.created / run.durationS;
  say(
    `\nstatuses: ${[...run.statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; socket errors/timeouts: ${run.errors}`,
  );
  say(
    `orders/s: ${ordersPerS.toFixed(0)} (${run.created} created in ${run.durationS.toFixed(1)} s)`,
  );
  say(
    `POST /v1/orders latency ms: p50 ${p(0.5).toFixed(1)}  p95 ${p(0.95).toFixed(1)}  p99 ${p(0.99).toFixed(1)}  max ${(sorted.at(-1) ?? NaN).toFixed(1)}`,
  );
  say(`all effects done ${(settleMs / 1000).toFixed(2)} s after the load stopped`);
  say(`effects: ${JSON.stringify(d)}`);
  // Requests still in flight when the load stops get no answer here, but the server may finish them.
  const invariants: [string, boolean][] = [
    [
      'every 201 is a paid order (+ at most one cut off per connection)',
      run.created <= d.paid && d.paid <= run.created + connections,
    ],
    ['every paid order COMPLETED', d.completed === d.paid],
    ['one payment per paid order', d.payments === d.paid],
    ['one enrollment per paid order', d.enrollments === d.paid],
    ['one receipt per paid order', d.receipts === d.paid],
    ['one conversion per paid order', d.conversions === d.paid],
    ['no duplicated effect', d.duplicates === 0],
  ];
  for (const [name, ok] of invariants) say(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
  const targets: [string, boolean][] = [
    ['≥ 300 orders/s', ordersPerS >= 300],
    ['p99 < 150 ms', p(0.99) < 150],
    ['async effects within 5 s', settleMs <= 5_000],
  ];
  say(`targets: ${targets.map(([name, ok]) => `${name} ${ok ? 'met' : 'MISSED'}`).join('; ')}`);
  return invariants.every(([, ok]) => ok);
}
