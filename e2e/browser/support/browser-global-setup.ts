import type { TestProject } from 'vitest/node';
import { E2E_APP_ENV } from '../../support/e2e-app-env.js';
import { E2E_STACK_SETTINGS } from '../../support/e2e-stack-settings.js';
import { startThrowawayStack, type ThrowawayStack } from '../../support/throwaway-stack.js';
import { chromiumUnavailable } from './chromium.js';

let running: ThrowawayStack | undefined;

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
  running = await startThrowawayStack('browser', E2E_STACK_SETTINGS, {
    appEnv: E2E_APP_ENV,
    log: (line) => {
      console.log(`[stack] ${line}`);
    },
  });
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
  await running?.stop();
}
