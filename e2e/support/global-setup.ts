import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@shop/config';
import {
  findRepoRoot,
  serveStackControl,
  stackConfigSchema,
  startStack,
  type RunningStack,
  type StackControlServer,
} from '@shop/stack';
import type { TestProject } from 'vitest/node';
import { E2E_APP_ENV } from './e2e-app-env.js';
import { E2E_STACK_SETTINGS } from './e2e-stack-settings.js';
import { startEngines, type Engines } from './engines.js';
import type { StackAddresses } from './stack-addresses.js';

let stack: RunningStack | undefined;
let control: StackControlServer | undefined;
let dataDir: string | undefined;
let engines: Engines | undefined;

const log = (line: string) => {
  console.log(`[stack] ${line}`);
};

/** Starts the whole stack once, on free ports and a throw-away data directory. */
export async function setup(project: TestProject) {
  try {
    await startSuiteStack(project);
  } catch (error) {
    await teardown();
    throw error;
  }
}

async function startSuiteStack(project: TestProject) {
  dataDir = await mkdtemp(join(tmpdir(), 'shop-e2e-'));
  await chmod(dataDir, 0o755); // mkdtemp's 0700 would shut out PostgreSQL's own account when run as root
  const everyPortFree = Object.fromEntries(
    Object.keys(stackConfigSchema.shape)
      .filter((key) => key.endsWith('_PORT'))
      .map((key) => [key, '0']),
  );
  const started = Date.now();
  engines = await startEngines(log);
  log(`engines: ${engines.description}`);
  const config = loadConfig('stack', stackConfigSchema, {
    ...everyPortFree,
    ...engines.env,
    ...E2E_STACK_SETTINGS,
    STACK_DATA_DIR: dataDir,
  });
  stack = await startStack({
    config,
    root: findRepoRoot(import.meta.dirname),
    appEnv: E2E_APP_ENV,
    callerComponents: engines.components,
    log,
  });
  console.log(`[stack] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Test files run in workers: they stop and start components through this.
  control = await serveStackControl(stack);
  const addresses: StackAddresses = {
    ports: stack.addresses.ports,
    notStarted: [...stack.notStarted],
    databaseUrls: { ...stack.databaseUrls },
    appDatabaseUrls: { ...stack.appDatabaseUrls },
    kafkaBrokers: stack.addresses.kafkaBrokers,
    kafkaAdmin: stack.addresses.kafkaAdmin ?? null,
    amqpUrl: stack.addresses.amqpUrl,
    controlUrl: control.url,
    logDir: stack.logDir,
    traceFile: stack.traceFile,
  };
  project.provide('stack', addresses);
}

export async function teardown() {
  await control?.close();
  await stack?.stop();
  await engines?.release();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
