import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicTask } from './periodic-task.js';

const INTERVAL_MS = 1_000;

/** Counts its runs; each run lasts until `finish` is called, or fails when told to. */
class CountingTask extends PeriodicTask {
  runs = 0;
  failNext = false;
  private finishRun: (() => void) | undefined;

  constructor() {
    super({ name: 'the counting task', intervalMs: INTERVAL_MS });
  }

  finish(): void {
    this.finishRun?.();
  }

  protected async runOnce(): Promise<void> {
    this.runs += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the database went away');
    }
    await new Promise<void>((resolve) => (this.finishRun = resolve));
  }
}

describe('PeriodicTask', () => {
  let task: CountingTask;

  beforeEach(() => {
    vi.useFakeTimers();
    task = new CountingTask();
  });

  afterEach(async () => {
    task.finish();
    await task.onApplicationShutdown();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('runs every interval once the application has started, not before', async () => {
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(task.runs).toBe(0);

    task.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(task.runs).toBe(1);
    task.finish();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(task.runs).toBe(2);
  });

  it('skips the ticks that come while a run is still in flight', async () => {
    task.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(5 * INTERVAL_MS);
    expect(task.runs).toBe(1);

    task.finish();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(task.runs).toBe(2);
  });

  it('logs a failed run with the task name, and the next tick runs again', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    task.failNext = true;
    task.onApplicationBootstrap();

    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(warn).toHaveBeenCalledWith({
      err: new Error('the database went away'),
      msg: 'the counting task failed; next run retries',
    });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(task.runs).toBe(2);
  });

  it('on shutdown waits for the run in flight and starts no more', async () => {
    task.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    let stopped = false;
    const shutdown = task.onApplicationShutdown().then(() => (stopped = true));

    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(stopped).toBe(false);
    task.finish();
    await shutdown;
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(task.runs).toBe(1);
  });

  it('never keeps the process alive on its own', () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    task.onApplicationBootstrap();

    const timer = setInterval.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });
});
