import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './managed-process.js';

/**
 * Retries `probe` until it resolves; fails early, with the process's last
 * log lines, if the process dies, and names the last problem on timeout.
 */
export async function waitUntil(
  probe: () => Promise<void>,
  options: { readonly what: string; readonly process: ManagedProcess; readonly timeoutMs: number },
): Promise<void> {
  const { process, timeoutMs } = options;
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (!process.running) {
      throw new Error(
        `${process.name} exited before it was ready (code ${String(await process.exited)}). Last lines:\n${process.lastLines()}`,
      );
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(
    `${process.name} was not ready after ${timeoutMs} ms (${options.what}: ${lastProblem})`,
  );
}

/** Polls `GET url` until it answers 200. */
export function waitUntilReady(url: string, process: ManagedProcess, timeoutMs: number) {
  return waitUntil(
    async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (!res.ok) throw new Error(`${res.status}: ${await res.text()}`);
    },
    { what: url, process, timeoutMs },
  );
}
