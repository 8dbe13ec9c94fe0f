import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './managed-process.js';

/** Polls `GET url` until it answers 200; fails early, with its last log lines, if the process dies. */
export async function waitUntilReady(url: string, process: ManagedProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (!process.running) {
      throw new Error(
        `${process.name} exited before it was ready (code ${String(await process.exited)}). Last lines:\n${process.lastLines()}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastProblem = `${res.status}: ${await res.text()}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${process.name} was not ready after ${timeoutMs} ms (${url}: ${lastProblem})`);
}
