#!/usr/bin/env node
// pnpm drill <name> [--duration 30s] [--purchases N] | --list | lift <id>
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DRILLS, isDrillName, type Drill } from './lib/drills/drills.js';
import {
  purchase,
  type PurchaseOptions,
  type PurchaseOutcome,
} from './lib/drills/drill-purchases.js';
import {
  describeMetrics,
  drillServicePorts,
  scrapeServices,
  type Scrapes,
} from './lib/drills/metrics-readings.js';
import { readStack } from './lib/drills/stack-readings.js';
import type { ActiveFault } from './lib/faults/fault-injector.js';
import { findRepoRoot } from './lib/repo-root.js';
import { NoControlFileError, StackControl } from './lib/stack-control.client.js';
import { stackConfigSchema } from './lib/stack.config.js';

const say = (line = '') => {
  process.stdout.write(`${line}\n`);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string', default: '30s' },
    purchases: { type: 'string' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  if (values.help || (positionals.length === 0 && !values.list)) {
    say(
      "usage: pnpm drill <name> [--duration 30s] [--purchases N (default 3, or the drill's own)] | --list | lift <fault-id>",
    );
    say('Needs a stack started with the fault API: pnpm start:drills (docs/drills.md).');
    listDrills();
    return values.help ? 0 : 64;
  }
  const control = await connect();
  if (values.list) {
    listDrills();
    const { active } = await control.faults();
    say(`\nactive faults: ${active.length === 0 ? 'none' : ''}`);
    for (const f of active)
      say(`  ${f.id}  ${f.request.kind}  ${Math.ceil(f.remainingMs / 1000)} s left`);
    return 0;
  }
  const [name = '', id] = positionals;
  if (name === 'lift' && id) {
    await control.liftFault(id);
    say(`lifted ${id}`);
    return 0;
  }
  if (!isDrillName(name)) {
    process.stderr.write(`no drill '${name}' — pnpm drill --list\n`);
    return 64;
  }
  const durationMs = parseDuration(values.duration);
  const drill: Drill = DRILLS[name];
  // A load drill brings its own count (e.g. 60 for the bulkhead); --purchases overrides it.
  const purchases = Number(values.purchases ?? drill.load?.purchases ?? 3);
  if (!Number.isInteger(purchases) || purchases < 0 || purchases > MAX_PURCHASES) {
    process.stderr.write(`--purchases must be an integer from 0 to ${MAX_PURCHASES}\n`);
    return 64;
  }
  await runDrill(control, drill, name, durationMs, purchases);
  return 0;
}

// Enough to fill checkout's bulkhead (20 in flight + 20 waiting) and overflow it.
const MAX_PURCHASES = 100;

async function runDrill(
  control: StackControl,
  drill: Drill,
  name: string,
  durationMs: number,
  purchases: number,
): Promise<void> {
  const described = await control.describe();
  const checkoutUrl = `http://127.0.0.1:${described.ports.CHECKOUT_PORT}`;
  say(`drill ${name}: ${drill.fails}`);
  say(`mitigation to watch: ${drill.mitigation}\n`);
  await printReading('before', control);
  const course = drill.load?.course ?? 'messaging-101';
  const atOnce = drill.load?.oneByOne === true ? 'one by one' : 'at once';

  if (!drill.fault) {
    // No fault: the purchases are the drill (course-full).
    say(`\n— ${purchases} purchase(s) of ${course}, ${atOnce}`);
    await placePurchases(checkoutUrl, purchases, 60_000, { course }, drill.load?.oneByOne);
    await printReading('after', control);
    return;
  }
  const started = await control.startFault(drill.fault(durationMs));
  if (!drill.lasting) {
    say(`\ninjected: ${JSON.stringify(started)}`);
    // Give the consumers a moment to refuse and park it, watching what changes.
    await sleep(5_000);
    await printReading('after', control);
    return;
  }
  const fault = started as ActiveFault;
  say(
    `\nfault ${fault.id}: ${fault.request.kind} until ${fault.until} (pnpm drill lift ${fault.id} ends it early)`,
  );
  await printReading('during', control);
  say(`\n— during the fault: ${purchases} purchase(s) of ${course}, ${atOnce}`);
  await placePurchases(checkoutUrl, purchases, Math.min(durationMs, 15_000), { course });
  if (purchases > 0) await printReading('during, after the purchases', control);

  say('\n— waiting for the fault to lift by itself …');
  while ((await control.faults()).active.some((f) => f.id === fault.id)) await sleep(500);
  const after = Math.min(purchases, 6);
  say(`\n— after the fault: ${after} purchase(s) of ${course}, at once`);
  // As a client would: a 503 (the breaker still open) is asked again after its Retry-After.
  await placePurchases(checkoutUrl, after, 60_000, { retryAfter503: true, course });
  await printReading('after', control);
}

async function placePurchases(
  checkoutUrl: string,
  count: number,
  followMs: number,
  options: PurchaseOptions,
  oneByOne = false,
) {
  const outcomes: PurchaseOutcome[] = [];
  if (oneByOne) {
    for (let i = 0; i < count; i++) outcomes.push(await purchase(checkoutUrl, followMs, options));
  } else {
    const all = Array.from({ length: count }, () => purchase(checkoutUrl, followMs, options));
    outcomes.push(...(await Promise.all(all)));
  }
  if (outcomes.length > SUMMARY_ABOVE) {
    printSummary(outcomes);
    return;
  }
  for (const [index, outcome] of outcomes.entries()) {
    const i = index + 1;
    say(`  purchase ${i}: ${outcome.answer} in ${outcome.tookMs} ms${orderEnd(outcome)}`);
  }
}

// More purchases than this are printed as one line per kind of answer.
const SUMMARY_ABOVE = 10;

function orderEnd(outcome: PurchaseOutcome): string {
  if (outcome.orderId === undefined) return '';
  const why = outcome.cancelled
    ? ` (${outcome.cancelled.reason}${outcome.cancelled.refunded ? ', refunded' : ''})`
    : '';
  return ` → order ${outcome.orderId} ${outcome.finalStatus ?? '?'}${why}`;
}

function printSummary(outcomes: readonly PurchaseOutcome[]) {
  const kinds = new Map<string, number[]>();
  for (const o of outcomes) {
    const key = `${o.answer}${o.finalStatus ? ` → ${o.finalStatus}` : ''}`;
    kinds.set(key, [...(kinds.get(key) ?? []), o.tookMs]);
  }
  for (const [key, took] of [...kinds].sort((a, b) => b[1].length - a[1].length)) {
    say(`  ${took.length}× ${key} in ${Math.min(...took)}–${Math.max(...took)} ms`);
  }
}

// The token the launcher gave the apps: the same variable, the same development default.
const { METRICS_TOKEN } = stackConfigSchema.pick({ METRICS_TOKEN: true }).parse(process.env);
let lastScrapes: Scrapes | undefined;

async function printReading(when: string, control: StackControl) {
  const described = await control.describe();
  const { ports } = described;
  const [reading, scrapes] = await Promise.all([
    readStack(described),
    scrapeServices(drillServicePorts(ports), METRICS_TOKEN),
  ]);
  say(`[${when}] components: ${reading.components}`);
  say(`[${when}] outbox backlog (unsent rows): ${JSON.stringify(reading.outboxBacklog)}`);
  say(`[${when}] parked grant-seat commands: ${String(reading.parkedCommands)}`);
  say(
    `[${when}] dead-lettered events (per DLQ topic): ${JSON.stringify(reading.deadLetteredEvents)}`,
  );
  for (const line of describeMetrics(scrapes, lastScrapes)) say(`[${when}] metrics: ${line}`);
  lastScrapes = scrapes;
}

function listDrills() {
  say('\ndrills:');
  for (const [name, drill] of Object.entries(DRILLS)) say(`  ${name.padEnd(20)} ${drill.fails}`);
}

async function connect(): Promise<StackControl> {
  const root = findRepoRoot(import.meta.dirname);
  const file = join(resolve(root, process.env.STACK_DATA_DIR ?? '.data/stack'), 'control.json');
  return StackControl.fromFile(file).catch((error: unknown) => {
    throw error instanceof NoControlFileError
      ? new UsageError(`no fault API to talk to (${file} is missing): pnpm start:drills`)
      : error;
  });
}

function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(text);
  if (!match) throw new UsageError(`--duration: '${text}' is not like 30s, 2m or 1500ms`);
  const unit = { ms: 1, s: 1_000, m: 60_000 }[match[2] ?? 's'] ?? 1_000;
  return Number(match[1]) * unit;
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 64 : 1);
  },
);
