#!/usr/bin/env node
import { ConfigError, configMarkdownTable, loadConfig } from '@shop/config';
import { PortInUseError } from './lib/ports.js';
import { findRepoRoot } from './lib/repo-root.js';
import { serveStackControl } from './lib/stack-control.server.js';
import { stackConfigSchema } from './lib/stack.config.js';
import { startStack, type RunningStack } from './lib/start-stack.js';

const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

if (process.argv.includes('--help')) {
  say('shop-stack up [--control-port N] — starts the whole system on this machine\n');
  say(
    '--control-port N  also serve the stack control API on 127.0.0.1:N (0: any free port), for benchmarks and failure drills\n',
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
  const controlPort = optionValue('--control-port');
  const control =
    controlPort === undefined ? undefined : await serveStackControl(stack, Number(controlPort));
  printSummary(stack, config.STACK_DATA_DIR, (Date.now() - startedAt) / 1000);
  if (control) say(`control: ${control.url} (GET /stack, POST /components/<name>/stop|start)`);
  stopOnSignal(stack);
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

function stopOnSignal(stack: RunningStack) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping the stack`);
    stack.stop().then(
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
  if (error instanceof ConfigError || error instanceof PortInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `the stack could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
