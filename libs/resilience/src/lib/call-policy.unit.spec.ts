import { status } from '@grpc/grpc-js';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { CallPolicy } from './call-policy.js';

const fast = { backoffInitialMs: 1, backoffMaxMs: 2 };
const grpcError = (code: status) => Object.assign(new Error(status[code]), { code });

function failingWith(...codes: status[]) {
  let calls = 0;
  const attempt = () => {
    const code = codes[Math.min(calls++, codes.length - 1)];
    return code === undefined || code === status.OK
      ? Promise.resolve('ok')
      : Promise.reject(grpcError(code));
  };
  return { attempt, calls: () => calls };
}

describe('CallPolicy', () => {
  it.each([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED, status.ABORTED])(
    'retries status %s with backoff until an attempt succeeds',
    async (code) => {
      const policy = new CallPolicy({ ...fast, maxRetries: 2 });
      const server = failingWith(code, code, status.OK);
      await expect(policy.execute(server.attempt)).resolves.toBe('ok');
      expect(server.calls()).toBe(3);
    },
  );

  it.each([
    status.INVALID_ARGUMENT,
    status.FAILED_PRECONDITION,
    status.NOT_FOUND,
    status.DEADLINE_EXCEEDED,
  ])('never retries status %s', async (code) => {
    const policy = new CallPolicy({ ...fast, maxRetries: 2 });
    const server = failingWith(code, status.OK);
    await expect(policy.execute(server.attempt)).rejects.toMatchObject({ code });
    expect(server.calls()).toBe(1);
  });

  it("retries only what one call's own isRetryable accepts, keeping the shared breaker", async () => {
    const policy = new CallPolicy({ ...fast, maxRetries: 2, breakerConsecutiveFailures: 100 });
    const notAborted = (error: unknown) => (error as { code?: status }).code !== status.ABORTED;
    const inProgress = failingWith(status.ABORTED, status.OK);
    await expect(
      policy.execute(inProgress.attempt, undefined, { isRetryable: notAborted }),
    ).rejects.toMatchObject({ code: status.ABORTED });
    expect(inProgress.calls()).toBe(1);
    // Other calls keep the policy's own rule.
    const blip = failingWith(status.ABORTED, status.OK);
    await expect(policy.execute(blip.attempt)).resolves.toBe('ok');
    expect(blip.calls()).toBe(2);
  });

  it('gives up after maxRetries retries with the last error', async () => {
    const policy = new CallPolicy({ ...fast, maxRetries: 2, breakerConsecutiveFailures: 100 });
    const server = failingWith(status.UNAVAILABLE);
    await expect(policy.execute(server.attempt)).rejects.toMatchObject({
      code: status.UNAVAILABLE,
    });
    expect(server.calls()).toBe(3);
  });

  it('stops retrying once the retry budget is spent, whatever maxRetries says', async () => {
    const policy = new CallPolicy({
      ...fast,
      maxRetries: 3,
      breakerConsecutiveFailures: 1_000,
      retryBudget: { ratio: 0.1, minRetriesPerWindow: 2, windowMs: 60_000 },
    });
    const server = failingWith(status.UNAVAILABLE);
    for (let i = 0; i < 20; i++) await policy.execute(server.attempt).catch(() => undefined);
    // 20 calls earn 2 + 0.1 × 20 = 4 retries in the window, not 20 × 3.
    expect(server.calls()).toBe(20 + 4);
  });

  it('opens the circuit after consecutive failures and then fails fast without calling', async () => {
    const policy = new CallPolicy({ ...fast, maxRetries: 0, breakerConsecutiveFailures: 3 });
    const server = failingWith(status.UNAVAILABLE);
    for (let i = 0; i < 3; i++) await policy.execute(server.attempt).catch(() => undefined);
    expect(policy.circuitState).toBe('open');

    await expect(policy.execute(server.attempt)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(server.calls()).toBe(3); // failed fast: the server was not called
  });

  it('does not count business answers against the circuit', async () => {
    const policy = new CallPolicy({ ...fast, breakerConsecutiveFailures: 2 });
    const declines = failingWith(status.FAILED_PRECONDITION);
    for (let i = 0; i < 5; i++) await policy.execute(declines.attempt).catch(() => undefined);
    expect(policy.circuitState).toBe('closed');
  });

  it('lets one trial call through after halfOpenAfter, and closes when it succeeds', async () => {
    const policy = new CallPolicy({
      ...fast,
      maxRetries: 0,
      breakerConsecutiveFailures: 1,
      breakerHalfOpenAfterMs: 30,
    });
    await policy.execute(failingWith(status.UNAVAILABLE).attempt).catch(() => undefined);
    expect(policy.circuitState).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 40));
    await expect(policy.execute(failingWith(status.OK).attempt)).resolves.toBe('ok');
    expect(policy.circuitState).toBe('closed');
  });

  it('rejects calls beyond the bulkhead limit and its queue at once', async () => {
    const policy = new CallPolicy({ bulkheadLimit: 2, bulkheadQueue: 1 });
    const { promise: held, resolve: release } = Promise.withResolvers<string>();
    const admitted = [1, 2, 3].map(() => policy.execute(() => held));
    await expect(policy.execute(() => held)).rejects.toBeInstanceOf(BulkheadRejectedError);
    release('ok');
    await expect(Promise.all(admitted)).resolves.toEqual(['ok', 'ok', 'ok']);
  });

  it('gives each attempt a deadline within the call budget, and aborts it when the attempt times out', async () => {
    const policy = new CallPolicy({ attemptTimeoutMs: 40, callBudgetMs: 1_000, maxRetries: 0 });
    let seen: { deadline: Date; signal: AbortSignal } | undefined;
    let calledAt = 0;
    const attempt = (context: { deadline: Date; signal: AbortSignal }) => {
      calledAt = Date.now();
      seen = context;
      return new Promise<never>(() => undefined);
    };
    await expect(policy.execute(attempt)).rejects.toBeInstanceOf(TaskCancelledError);
    // The attempt's own timeout (40 ms from when it was set up), not the 1 s budget:
    // no bound on how fast this machine is.
    expect(seen?.deadline.getTime()).toBeLessThanOrEqual(calledAt + 40);
    expect(seen?.signal.aborted).toBe(true);
  });

  it('ends the whole call when its budget runs out, retries included', async () => {
    const policy = new CallPolicy({
      attemptTimeoutMs: 1_000,
      callBudgetMs: 60,
      // Retries never run out before the budget does (full jitter can make ten
      // of them fit inside 60 ms), so only the budget can end this call.
      maxRetries: 1_000,
      retryBudget: { ratio: 1, minRetriesPerWindow: 1_000, windowMs: 10_000 },
      backoffInitialMs: 20,
      backoffMaxMs: 20,
      breakerConsecutiveFailures: 10_000,
    });
    const server = failingWith(status.UNAVAILABLE);
    const started = performance.now();
    await expect(policy.execute(server.attempt)).rejects.toBeInstanceOf(TaskCancelledError);
    // Cancelled, not out of retries: only the budget ends a call allowed 1,000 of
    // them; and never before the budget has run (a lower bound holds on any machine).
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
