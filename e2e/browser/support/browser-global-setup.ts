import {
  controlFileOf,
  createFaultApi,
  serveStackControl,
  writeControlFile,
  type FaultApi,
  type StackControlServer,
} from '@shop/stack';
import type { TestProject } from 'vitest/node';
import { E2E_APP_ENV } from '../../support/e2e-app-env.js';
import { E2E_STACK_SETTINGS } from '../../support/e2e-stack-settings.js';
import { startThrowawayStack, type ThrowawayStack } from '../../support/throwaway-stack.js';
import { chromiumUnavailable } from './chromium.js';

let running: ThrowawayStack | undefined;
let control: StackControlServer | undefined;
let faults: FaultApi | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web app's URL on the suite's stack; null when the suite is skipped. */
    webUrl: string | null;
    skipReason: string | null;
  }
}

/**
 * One stack on the stand-ins for the whole browser suite, started only when
 * Chromium is there. Without it the suite skips with the reason printed,
 * unless REQUIRE_CHROMIUM=1 (CI), where that is a failure.
 */
export async function setup(project: TestProject) {
  const unavailable = chromiumUnavailable();
  if (unavailable) {
    if (process.env.REQUIRE_CHROMIUM === '1')
      throw new Error(`REQUIRE_CHROMIUM=1, but ${unavailable}`);
    console.log(`[browser] SKIPPED: ${unavailable}`);
    project.provide('webUrl', null);
    project.provide('skipReason', unavailable);
    return;
  }
  const started = Date.now();
  const log = (line: string) => {
    console.log(`[stack] ${line}`);
  };
  // With the fault API, as the e2e stack and `npm run start:drills`: the web
  // app's drills panel (e2e/browser/drills.browser.ts) drives it. The switch is
  // development only, as the harness is.
  running = await startThrowawayStack(
    'browser',
    { ...E2E_STACK_SETTINGS, STACK_FAULT_API: 'true', NODE_ENV: 'development' },
    { appEnv: E2E_APP_ENV, log },
  );
  const { stack } = running;
  faults = createFaultApi({ stack, faultDir: stack.faultDir, nodeEnv: 'development', log });
  control = await serveStackControl(stack, 0, { faults });
  // Where the launcher told the web server to look (STACK_CONTROL_FILE), as `shop-stack up` writes it.
  await writeControlFile(controlFileOf(running.dataDir), control);
  console.log(`[stack] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The order page draws its timeline from the stack's traces: without the
  // local trace collector the timeline tests could only see the fallback.
  if (running.stack.traceFile === undefined) {
    const untraced = running;
    running = undefined;
    await untraced.stop();
    throw new Error(
      `the browser suite needs tracing on (the local trace collector): ${untraced.stack.notStarted.filter((r) => r.includes('trace')).join('; ') || 'OTEL_EXPORTER_OTLP_ENDPOINT points elsewhere'}`,
    );
  }
  project.provide('webUrl', `http://127.0.0.1:${running.stack.addresses.ports.WEB_PORT}`);
  project.provide('skipReason', null);
}

export async function teardown() {
  await faults?.injector.liftAll();
  await control?.close();
  await running?.stop();
}
