import {
  createFaultApi,
  serveStackControl,
  type FaultApi,
  type StackControlServer,
} from '@shop/stack';
import type { TestProject } from 'vitest/node';
import { E2E_APP_ENV } from './e2e-app-env.js';
import { E2E_STACK_SETTINGS } from './e2e-stack-settings.js';
import { startEngines, type Engines } from './engines.js';
import type { StackAddresses } from './stack-addresses.js';
import { startThrowawayStack, type ThrowawayStack } from './throwaway-stack.js';

let running: ThrowawayStack | undefined;
let control: StackControlServer | undefined;
let faults: FaultApi | undefined;
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
  const started = Date.now();
  engines = await startEngines(log);
  log(`engines: ${engines.description}`);
  running = await startThrowawayStack(
    'e2e',
    // With the fault API's switch, so checkout reaches payment through the lossy link
    // (network-lossy); the switch is development only, as the harness is.
    { ...engines.env, ...E2E_STACK_SETTINGS, STACK_FAULT_API: 'true', NODE_ENV: 'development' },
    { appEnv: E2E_APP_ENV, callerComponents: engines.components, log },
  );
  const { stack } = running;
  console.log(`[stack] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Test files run in workers: they stop and start components, and inject
  // faults, through this. The harness is development by definition, like the
  // stack it starts (Vitest itself sets NODE_ENV=test).
  faults = createFaultApi({ stack, faultDir: stack.faultDir, nodeEnv: 'development', log });
  control = await serveStackControl(stack, 0, { faults });
  const addresses: StackAddresses = {
    ports: stack.addresses.ports,
    notStarted: [...stack.notStarted],
    databaseUrls: { ...stack.databaseUrls },
    appDatabaseUrls: { ...stack.appDatabaseUrls },
    kafkaBrokers: stack.addresses.kafkaBrokers,
    kafkaAdmin: stack.addresses.kafkaAdmin ?? null,
    amqpUrl: stack.addresses.amqpUrl,
    amqpManagementUrl: engines.env.AMQP_MANAGEMENT_URL ?? null,
    controlUrl: control.url,
    controlToken: control.token,
    logDir: stack.logDir,
    traceFile: stack.traceFile,
  };
  project.provide('stack', addresses);
}

export async function teardown() {
  await faults?.injector.liftAll();
  await control?.close();
  await running?.stop();
  await engines?.release();
}
