// Where each app's start-up time goes: starts the local stack on the
// embedded engines, then stops and starts one app at a time, STARTUP_RUNS
// times each, and reports the median of each phase (docs/benchmarks.md,
// "Start-up time").
//
//   pnpm --filter @shop/e2e bench:startup
//   STARTUP_RUNS=5 STARTUP_APPS=payment,bff STARTUP_SAVE=.data/startup/after.json \
//     STARTUP_COMPARE=.data/startup/before.json pnpm --filter @shop/e2e bench:startup
//   STARTUP_BASELINE=1 …   # as before the start-up fixes: no compile cache, Kafka's 3 s group delay
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APPS, type RunningStack } from '@shop/stack';
import { startThrowawayStack } from '../support/throwaway-stack.js';
import { phasesOf, type Phases, PHASES, type StartupLine } from './startup-phases.js';

const RUNS = Number(process.env.STARTUP_RUNS ?? 3);
const ONLY = (process.env.STARTUP_APPS ?? '').split(',').filter(Boolean);
const BASELINE = process.env.STARTUP_BASELINE === '1';
const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

type Report = Record<string, Phases>;

async function main(): Promise<void> {
  const appEnv = Object.fromEntries(
    APPS.map((a) => [a.name, BASELINE ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {}]),
  );
  const { stack, stop } = await startThrowawayStack(
    'startup',
    BASELINE ? { STACK_KAFKA_GROUP_DELAY_MS: '3000' } : {},
    { log: say, appEnv },
  );
  // Ctrl-C stops the stack (and its apps) before the script exits.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(130));
    });
  }
  const report: Report = {};
  try {
    for (const app of APPS.map((a) => a.name).filter(
      (a) => ONLY.length === 0 || ONLY.includes(a),
    )) {
      const runs: Phases[] = [];
      for (let run = 1; run <= RUNS; run++) {
        runs.push(await restartOnce(stack, app));
        say(`${app} run ${run}: ${String(runs.at(-1)?.total)} ms to ready`);
      }
      report[app] = median(runs);
    }
  } finally {
    await stop();
  }
  say(
    `\nmedian of ${RUNS} starts per app, ms${BASELINE ? ', baseline settings' : ''} (load average ${loadAverage()})\n`,
  );
  say(table(report));
  const compare = process.env.STARTUP_COMPARE;
  if (compare && existsSync(compare)) {
    const before = JSON.parse(await readFile(compare, 'utf8')) as Report;
    say(`\nbefore (${compare}) → now, median ms to ready\n`);
    say(comparison(before, report));
  }
  const save = process.env.STARTUP_SAVE;
  if (save) {
    await mkdir(dirname(resolve(save)), { recursive: true });
    await writeFile(save, JSON.stringify(report, null, 2));
    say(`\nsaved to ${save}`);
  }
}

// Stop the app, start it again, and read the phases it logged once it listened.
async function restartOnce(stack: RunningStack, app: string): Promise<Phases> {
  const component = stack.component(app);
  await component.stop();
  const logFile = join(stack.logDir, `${app}.log`);
  const linesBefore = startupLines(await readFile(logFile, 'utf8')).length;
  const spawnedAt = Date.now();
  await component.start(); // resolves once /health/ready answers 200
  const readyAt = Date.now();
  // The log file is written through a stream: wait for the line to land.
  for (let tries = 0; tries < 100; tries++) {
    const line = startupLines(await readFile(logFile, 'utf8'))[linesBefore];
    if (line) return phasesOf(line, spawnedAt, readyAt);
    await sleep(100);
  }
  throw new Error(`${app} logged no start-up phases in ${logFile}`);
}

function startupLines(log: string): StartupLine[] {
  return log
    .split('\n')
    .filter((line) => line.includes('"startup"'))
    .map((line) => (JSON.parse(line) as { startup: StartupLine }).startup);
}

function median(runs: readonly Phases[]): Phases {
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(
    PHASES.map((phase) => [phase, middle(runs.map((r) => r[phase])) ?? NaN]),
  ) as Phases;
}

function table(report: Report): string {
  const header = `| app | ${PHASES.join(' | ')} |`;
  const rule = `| --- | ${PHASES.map(() => '---:').join(' | ')} |`;
  const rows = Object.entries(report).map(
    ([app, phases]) => `| ${app} | ${PHASES.map((p) => String(phases[p])).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

function comparison(before: Report, after: Report): string {
  const rows = Object.entries(after).map(([app, now]) => {
    const was = before[app];
    const cell = (phase: keyof Phases) => `${String(was?.[phase] ?? '—')} → ${String(now[phase])}`;
    return `| ${app} | ${cell('imports')} | ${cell('transports')} | ${cell('total')} | ${cell('cpu')} |`;
  });
  return [
    '| app | imports | transports | total to ready | cpu to listening |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
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
