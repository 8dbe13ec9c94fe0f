#!/usr/bin/env node
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, configMarkdownTable, loadConfig } from '@shop/config';
import { createFaultApi, FaultApiRefusedError, type FaultApi } from './lib/faults/fault-api.js';
import { PortInUseError } from './lib/ports.js';
import { findRepoRoot } from './lib/repo-root.js';
import { controlFileOf, writeControlFile } from './lib/stack-control.client.js';
import { serveStackControl } from './lib/stack-control.server.js';
import { stackConfigSchema } from './lib/stack.config.js';
import { startStack, type RunningStack } from './lib/start-stack.js';

const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

if (process.argv.includes('--help')) {
  say('shop-stack up [--control-port N] — starts the whole system on this machine\n');
  say(
    '--control-port N  also serve the stack control API on 127.0.0.1:N (0: any free port), for benchmarks and failure drills, behind a bearer token written to <STACK_DATA_DIR>/control.json; with STACK_FAULT_API=true (development only) it also serves the fault API\n',
  );
  say(configMarkdownTable(stackConfigSchema));
  process.exit(0);
}

async function main(): Promise<void> {
  const config = loadConfig('stack', stackConfigSchema);
  const root = findRepoRoot(import.meta.dirname);
  const startedAt = Date.now();
  say('course-shop: starting the local stack (Ctrl-C stops everything)\n');
  const stack = await startStack({ config, root, log: say });
  const faults = config.STACK_FAULT_API
    ? createFaultApi({ stack, faultDir: stack.faultDir, nodeEnv: process.env.NODE_ENV, log: say })
    : undefined;
  const controlPort = optionValue('--control-port') ?? (faults ? '0' : undefined);
  const control =
    controlPort === undefined
      ? undefined
      : await serveStackControl(stack, Number(controlPort), {
          ...(faults ? { faults } : {}),
          metricsToken: config.METRICS_TOKEN,
        });
  printSummary(stack, config.STACK_DATA_DIR, (Date.now() - startedAt) / 1000);
  const controlFile = controlFileOf(resolve(root, config.STACK_DATA_DIR));
  if (control) {
    // Where `pnpm drill`, the benchmarks and the web app's drills panel find the
    // API and its token; readable by this user only, gone when the stack stops.
    await writeControlFile(controlFile, control);
    say(
      `control: ${control.url} (GET /stack, POST /components/<name>/stop|start; bearer token in ${controlFile})`,
    );
    if (faults)
      say(`faults: ${control.url}/faults — pnpm drill --list, or the web app's /drills page`);
  }
  stopOnSignal(stack, faults, controlFile);
}

function optionValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

function printSummary(stack: RunningStack, dataDir: string, seconds: number) {
  say('');
  for (const [component, urls] of Object.entries(stack.endpoints)) {
    for (const [what, url] of Object.entries(urls))
      say(`  ${component.padEnd(13)}${what.padEnd(10)} ${url}`);
  }
  for (const reason of stack.notStarted) say(`  ! ${reason}`);
  say(`\nlogs: ${dataDir}/logs/<component>.log`);
  if (stack.traceFile)
    say(`traces: ${stack.traceFile} — pnpm trace <orderId> (or: pnpm trace latest)`);
  say(`ready in ${seconds.toFixed(1)} s`);
}

function stopOnSignal(stack: RunningStack, faults: FaultApi | undefined, controlFile: string) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping the stack`);
    // A paused broker is thawed, a stopped component's fault forgotten, before the stack stops.
    Promise.all([faults?.injector.liftAll(), rm(controlFile, { force: true })])
      .then(() => stack.stop())
      .then(
        () => {
          say('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          process.stderr.write(`could not stop cleanly: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => {
    stop('SIGINT');
  });
  process.once('SIGTERM', () => {
    stop('SIGTERM');
  });
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof PortInUseError ||
    error instanceof FaultApiRefusedError
  ) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `the stack could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
