// Load on POST /v1/orders, then the time until every order's asynchronous
// effects are done, and the invariants across every service's database.
//
//   pnpm --filter @shop/e2e bench                     # starts its own stack
//   BENCH_STACK_CONTROL_FILE=.data/stack/control.json pnpm --filter @shop/e2e bench
//   (BENCH_DURATION_S, default 30; BENCH_CONNECTIONS, default 50)
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { learnerAuthorization } from '../support/dev-tokens.js';
import { benchStack } from './bench-stack.js';
import {
  cpuMsPerOrder,
  cpuSeconds,
  ownCpuSeconds,
  parentPid,
  postgresCpuSeconds,
} from './cpu-usage.js';
import { report, type LoadRun } from './bench-report.js';
import { delta, FlowCounter, type FlowCounts } from './flow-counts.js';

const COURSE = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01'; // async-messaging-101
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SETTLE_TIMEOUT_MS = 120_000;
const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<boolean> {
  const stack = await benchStack(process.env.BENCH_STACK_CONTROL_FILE, say);
  const counter = new FlowCounter(stack.description.databaseUrls, COURSE);
  try {
    await counter.raiseCapacity(1_000_000);
    const url = `http://127.0.0.1:${stack.description.ports.CHECKOUT_PORT}`;
    const cold = await counter.count();
    const warmUp = await load(url, 2, 10); // JIT, connection pools, consumer groups
    await settle(counter, cold, warmUp.created);
    const before = await counter.count();

    say(`POST /v1/orders: ${CONNECTIONS} connections for ${DURATION_S} s on ${url}`);
    const { components } = stack.description;
    const commitsBefore = await counter.commits();
    // Resolved once: the backend itself may exit (idle pool connections do).
    const postmaster = parentPid(await counter.backendPid());
    const cpuNow = () =>
      new Map([
        ...cpuSeconds(components),
        ...(postmaster ? [['postgres', postgresCpuSeconds(postmaster)] as const] : []),
        ['load generator', ownCpuSeconds()],
      ]);
    const cpuBefore = cpuNow();
    const run = await load(url, DURATION_S, CONNECTIONS);
    const cpuAfter = cpuNow();
    const loadEnded = Date.now();
    await settle(counter, before, run.created);
    const settleMs = Date.now() - loadEnded;
    await sleep(1_000); // late duplicates, if any, would show up now (and PostgreSQL's statistics)
    const effects = delta(await counter.count(), before);
    const commitsAfter = await counter.commits();
    const perOrder = [...commitsAfter].map(
      ([db, n]) =>
        `${db} ${((n - (commitsBefore.get(db) ?? n)) / Math.max(effects.paid, 1)).toFixed(1)}`,
    );
    say(`\nCPU ms per order during the load: ${cpuMsPerOrder(cpuBefore, cpuAfter, effects.paid)}`);
    say(`database transactions per order (load + settling, all traffic): ${perOrder.join(', ')}`);
    return report(run, effects, settleMs, CONNECTIONS, say);
  } finally {
    await counter.close();
    await stack.stop();
  }
}

// Signed before the load starts (autocannon builds requests synchronously).
const LEARNERS = 256;

async function load(url: string, durationS: number, connections: number): Promise<LoadRun> {
  const authorizations = await Promise.all(
    Array.from({ length: LEARNERS }, () => learnerAuthorization(randomUUID())),
  );
  let next = 0;
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: `${url}/v1/orders`,
      method: 'POST',
      connections,
      duration: durationS,
      requests: [
        {
          // Each request its own key, learners in turn: one order each, none replayed.
          setupRequest: (req) => ({
            ...req,
            headers: {
              authorization: authorizations[next++ % LEARNERS] ?? '',
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({
              courseIds: [COURSE],
              cardToken: 'tok_visa',
            }),
          }),
        },
      ],
    },
    (error: unknown, result) => {
      if (error)
        fail(
          error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`),
        );
      else finish(result);
    },
  );
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    latenciesMs.push(responseTimeMs);
  });
  const result = await finished;
  return {
    created: statuses.get(201) ?? 0,
    statuses,
    latenciesMs,
    errors: result.errors + result.timeouts,
    durationS: result.duration,
  };
}

/** Polls until every paid order is COMPLETED with its payment, seat, receipt and conversion, or time runs out. */
async function settle(counter: FlowCounter, before: FlowCounts, created: number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const d = delta(await counter.count(), before);
    const effects = [d.completed, d.payments, d.enrollments, d.receipts, d.conversions];
    if (d.paid >= created && effects.every((n) => n === d.paid)) return;
    await sleep(50);
  }
}

main().then(
  (ok) => {
    process.exit(ok ? 0 : 1);
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
