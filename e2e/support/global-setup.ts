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
import { engineEnv } from './engines.js';
import type { StackAddresses } from './stack-addresses.js';

let stack: RunningStack | undefined;
let control: StackControlServer | undefined;
let dataDir: string | undefined;

/** Starts the whole stack once, on free ports and a throw-away data directory. */
export async function setup(project: TestProject) {
  dataDir = await mkdtemp(join(tmpdir(), 'shop-e2e-'));
  await chmod(dataDir, 0o755); // mkdtemp's 0700 would shut out PostgreSQL's own account when run as root
  const everyPortFree = Object.fromEntries(
    Object.keys(stackConfigSchema.shape)
      .filter((key) => key.endsWith('_PORT'))
      .map((key) => [key, '0']),
  );
  const config = loadConfig('stack', stackConfigSchema, {
    ...everyPortFree,
    ...engineEnv(),
    STACK_DATA_DIR: dataDir,
  });
  console.log(`[stack] brokers: Kafka ${config.STACK_KAFKA}, AMQP ${config.STACK_AMQP}`);
  const started = Date.now();
  stack = await startStack({
    config,
    root: findRepoRoot(import.meta.dirname),
    appEnv: E2E_APP_ENV,
    log: (line) => {
      console.log(`[stack] ${line}`);
    },
  });
  console.log(`[stack] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Test files run in workers: they stop and start components through this.
  control = await serveStackControl(stack);
  const addresses: StackAddresses = {
    ports: stack.addresses.ports,
    notStarted: [...stack.notStarted],
    databaseUrls: { ...stack.databaseUrls },
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
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
