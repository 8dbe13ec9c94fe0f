// Load on POST /v1/orders, then the time until every order's asynchronous
// effects are done, and the invariants across every service's database.
//
//   pnpm --filter @shop/e2e bench                     # starts its own stack
//   BENCH_STACK_CONTROL_FILE=.data/stack/control.json pnpm --filter @shop/e2e bench
//   (BENCH_DURATION_S, default 30; BENCH_CONNECTIONS, default 50)
//   BENCH_FLOOR_ORDERS_PER_S=5: also exit 1 below that (the short CI run, tools/ci/bench-short.sh)
import { setTimeout as sleep } from 'node:timers/promises';
import { benchStack } from './bench-stack.js';
import {
  cpuMsPerOrder,
  cpuSeconds,
  ownCpuSeconds,
  parentPid,
  postgresCpuSeconds,
} from './cpu-usage.js';
import { report } from './bench-report.js';
import { checkFloors, floorFromEnv } from './floors.js';
import { delta, FlowCounter } from './flow-counts.js';
import { COURSE, placeOrders, settle } from './order-load.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ORDERS_FLOOR = floorFromEnv('BENCH_FLOOR_ORDERS_PER_S');
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
    const warmUp = await placeOrders(url, 2, 10); // JIT, connection pools, consumer groups
    if (!(await settle(counter, cold, warmUp.created)))
      // Its leftovers would be counted as the measured load's: say so rather than report them silently.
      say('the warm-up orders did not all settle within 120 s: the figures below include them');
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
    const run = await placeOrders(url, DURATION_S, CONNECTIONS);
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
    const invariantsHold = report(run, effects, settleMs, CONNECTIONS, say);
    if (ORDERS_FLOOR === undefined) return invariantsHold;
    const ordersPerS = run.created / run.durationS;
    const aboveFloor = checkFloors(
      [{ name: 'orders/s', value: ordersPerS, floor: ORDERS_FLOOR }],
      say,
    );
    return invariantsHold && aboveFloor;
  } finally {
    await counter.close();
    await stack.stop();
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
