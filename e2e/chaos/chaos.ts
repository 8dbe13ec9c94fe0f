// The chaos run (issue 14): purchases of every kind through REST and the bff
// while apps and brokers are SIGKILLed on a schedule and at the crash windows
// we know of; then, once the stack settles, every invariant checked directly
// in the services' databases and brokers. Exit 1 on any violation.
//
//   pnpm --filter @shop/e2e chaos                       # short plan (CI, < 3 min)
//   CHAOS_PLAN=long pnpm --filter @shop/e2e chaos       # 1,600 purchases, 32 SIGKILLs
//   CHAOS_SEED=7 CHAOS_ENGINES=real pnpm --filter @shop/e2e chaos
//
// docs/chaos.md explains the plans, the invariants and how to read a report.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningStack } from '@shop/stack';
import { ServiceDatabases } from '../support/service-databases.js';
import { startThrowawayStack, type ThrowawayStack } from '../support/throwaway-stack.js';
import { PLANS, type ChaosPlan } from './chaos-plan.js';
import { describe, runFaults, type FaultRecord } from './faults.js';
import { checkInvariants, type InvariantResult } from './invariants.js';
import {
  planPurchases,
  send,
  type Edges,
  type Purchase,
  type PurchaseRecord,
} from './purchases.js';

const say = (line: string) => {
  process.stdout.write(`[chaos] ${line}\n`);
};

/**
 * The apps' settings for the run: a card processor slow enough (300 ms) that
 * a payment is often caught between its claim and the card decision, and
 * logs at `warn` (the run reads databases, not logs).
 */
const APP_ENV: Record<string, Record<string, string>> = {
  payment: { CARD_PROCESSOR_LATENCY_MS: '300', LOG_LEVEL: 'warn' },
  checkout: { LOG_LEVEL: 'warn' },
  enrollment: { LOG_LEVEL: 'warn' },
  notification: { LOG_LEVEL: 'warn' },
  analytics: { LOG_LEVEL: 'warn' },
  bff: { LOG_LEVEL: 'warn' },
};

async function main(): Promise<boolean> {
  const plan = planNamed(process.env.CHAOS_PLAN ?? 'short');
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
  say(`plan ${plan.name}: ${plan.purchases} purchases, ${plan.faults.length} faults, seed ${seed}`);
  const started = Date.now();
  let running: ThrowawayStack | undefined;
  let databases: ServiceDatabases | undefined;
  try {
    running = await startThrowawayStack('chaos', engines(), {
      appEnv: APP_ENV,
      log: (line) => {
        say(`stack: ${line}`);
      },
    });
    const { stack } = running;
    say(`stack ready in ${seconds(Date.now() - started)}`);
    databases = new ServiceDatabases({ ...stack.databaseUrls });
    const report = await run(plan, seed, stack, databases);
    print(report);
    return (
      report.invariants.every((i) => i.violations.length === 0) &&
      report.faults.every((f) => f.backInMs !== undefined)
    );
  } finally {
    await databases?.close();
    await running?.stop();
    say(`done in ${seconds(Date.now() - started)}`);
  }
}

interface Report {
  readonly plan: ChaosPlan;
  readonly records: readonly PurchaseRecord[];
  readonly faults: readonly FaultRecord[];
  readonly invariants: readonly InvariantResult[];
  readonly settledInMs: number | undefined;
}

async function run(
  plan: ChaosPlan,
  seed: number,
  stack: RunningStack,
  databases: ServiceDatabases,
): Promise<Report> {
  const { ports } = stack.addresses;
  const edges: Edges = {
    checkoutUrl: `http://127.0.0.1:${ports.CHECKOUT_PORT}`,
    bffUrl: `http://127.0.0.1:${ports.BFF_PORT}`,
  };
  const purchases = planPurchases(plan, seed);
  const records = purchases.map((purchase): PurchaseRecord => ({
    purchase,
    answers: [],
    seen: new Map(),
  }));
  let next = 0;
  let loadDone = false;
  const buy = async (purchase: Purchase, record: PurchaseRecord) => {
    const copies = Array.from({ length: purchase.copies }, () =>
      send(edges, purchase, record, plan.purchaseWithinMs),
    );
    record.answers.push(...(await Promise.all(copies)));
  };
  const loadStarted = Date.now();
  const worker = async () => {
    for (let i = next++; i < purchases.length; i = next++) {
      const purchase = purchases[i];
      const record = records[i];
      const due = loadStarted + (i * 1_000) / plan.startsPerSecond;
      if (due > Date.now()) await sleep(due - Date.now()); // paced, not a burst
      if (purchase && record) await buy(purchase, record);
    }
  };
  const faults = runFaults({
    stack,
    databases,
    plan,
    started: () => Math.min(next, purchases.length),
    loadDone: () => loadDone,
    say,
  });
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  loadDone = true;
  say(`every purchase answered in ${seconds(Date.now() - loadStarted)}`);
  const faultRecords = await faults;

  // Late duplicates: every key once more, after the crashes. The same order must come back.
  if (plan.replayAll) {
    let replayed = 0;
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        for (let i = replayed++; i < records.length; i = replayed++) {
          const record = records[i];
          if (record)
            record.answers.push(await send(edges, record.purchase, record, plan.purchaseWithinMs));
        }
      }),
    );
    say('every purchase replayed once with its key');
  }

  const settleStarted = Date.now();
  const brokers = {
    kafkaBrokers: stack.addresses.kafkaBrokers,
    kafkaAdmin: stack.addresses.kafkaAdmin,
    amqpUrl: stack.addresses.amqpUrl,
  };
  let invariants: InvariantResult[] = [];
  let settledInMs: number | undefined;
  while (Date.now() - settleStarted < plan.settleWithinMs) {
    invariants = await checkInvariants(databases, brokers, records).catch((error: unknown) => [
      { name: 'invariants could be read', checked: 1, violations: [String(error)] },
    ]);
    if (invariants.every((i) => i.violations.length === 0)) {
      settledInMs = Date.now() - settleStarted;
      break;
    }
    await sleep(1_000);
  }
  return { plan, records, faults: faultRecords, invariants, settledInMs };
}

function print({ records, faults, invariants, settledInMs }: Report): void {
  say('');
  say('faults:');
  for (const f of faults) {
    const outcome =
      f.notFired ??
      (f.backInMs === undefined
        ? `did NOT come back by itself within the limit`
        : `back by itself in ${seconds(f.backInMs)}`);
    say(
      `  ${f.fault.target.padEnd(13)} ${describe(f.fault.when).padEnd(26)} ${f.firedAt === undefined ? '' : `at #${f.firedAt}: `}${outcome}`,
    );
  }
  const seen = new Map<string, number>();
  for (const r of records)
    for (const [what, n] of r.seen) seen.set(what, (seen.get(what) ?? 0) + n);
  say('');
  say(
    `answers seen by clients: ${[...seen]
      .sort()
      .map(([what, n]) => `${what} ×${n}`)
      .join(', ')}`,
  );
  const kinds = new Map<string, number>();
  for (const r of records)
    for (const a of r.answers) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  say(`definitive answers: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  say('');
  say(
    settledInMs === undefined
      ? 'the stack did NOT settle with every invariant holding:'
      : `settled in ${seconds(settledInMs)}; invariants:`,
  );
  for (const i of invariants) {
    const mark = i.violations.length === 0 ? 'ok  ' : 'FAIL';
    say(`  ${mark} ${i.name} (${i.checked} checked)`);
    for (const v of i.violations.slice(0, 20)) say(`         ${v}`);
    if (i.violations.length > 20) say(`         … and ${i.violations.length - 20} more`);
  }
}

function planNamed(name: string): ChaosPlan {
  if (name === 'short' || name === 'long') return PLANS[name];
  throw new Error(`CHAOS_PLAN=${name}: expected 'short' or 'long'`);
}

/** CHAOS_ENGINES: the embedded stand-ins (default) or real Apache Kafka and RabbitMQ. */
function engines(): Record<string, string> {
  const name = process.env.CHAOS_ENGINES ?? 'stand-ins';
  if (name === 'stand-ins') return {};
  if (name === 'real') return { STACK_KAFKA: 'real', STACK_AMQP: 'real' };
  throw new Error(`CHAOS_ENGINES=${name}: expected 'stand-ins' or 'real'`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
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
