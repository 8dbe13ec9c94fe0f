import { status } from '@grpc/grpc-js';
import { metricsExposition } from '@shop/metrics';
import { parseExposition, valueOf } from '@shop/metrics/testing';
import { describe, expect, it } from 'vitest';
import { CallPolicy } from './call-policy.js';

const fast = { backoffInitialMs: 1, backoffMaxMs: 2 };
const unavailable = () =>
  Promise.reject(Object.assign(new Error('UNAVAILABLE'), { code: status.UNAVAILABLE }));
const declined = () =>
  Promise.reject(
    Object.assign(new Error('FAILED_PRECONDITION'), { code: status.FAILED_PRECONDITION }),
  );
const scrape = async () => parseExposition(await metricsExposition());

describe('CallPolicy metrics, read as Prometheus reads them', () => {
  it('shows the circuit opening: state open, one transition to open, calls failing fast', async () => {
    const dependency = { shop_dependency: 'breaker-spec' };
    const policy = new CallPolicy({
      ...fast,
      dependency: 'breaker-spec',
      maxRetries: 0,
      breakerConsecutiveFailures: 2,
    });
    const before = await scrape();
    expect(
      valueOf(before, 'shop_circuit_breaker_state', {
        ...dependency,
        shop_circuit_state: 'closed',
      }),
    ).toBe(1);

    for (let i = 0; i < 3; i++) await policy.execute(unavailable).catch(() => undefined);

    const after = await scrape();
    expect(
      valueOf(after, 'shop_circuit_breaker_state', { ...dependency, shop_circuit_state: 'open' }),
    ).toBe(1);
    expect(
      valueOf(after, 'shop_circuit_breaker_state', { ...dependency, shop_circuit_state: 'closed' }),
    ).toBe(0);
    expect(
      valueOf(after, 'shop_circuit_breaker_transitions_total', {
        ...dependency,
        shop_circuit_state: 'open',
      }),
    ).toBe(1);
    const outcome = (o: string) => ({ ...dependency, shop_call_outcome: o });
    expect(valueOf(after, 'shop_dependency_call_duration_count', outcome('failure'))).toBe(2);
    expect(valueOf(after, 'shop_dependency_call_duration_count', outcome('circuit_open'))).toBe(1);
  });

  it('tells a refusal (a decline) apart from a failure, and counts a success as ok', async () => {
    const policy = new CallPolicy({ ...fast, dependency: 'outcome-spec' });
    await policy.execute(declined).catch(() => undefined);
    await policy.execute(() => Promise.resolve('paid'));
    const samples = await scrape();
    const outcome = (o: string) => ({ shop_dependency: 'outcome-spec', shop_call_outcome: o });
    expect(valueOf(samples, 'shop_dependency_call_duration_count', outcome('refused'))).toBe(1);
    expect(valueOf(samples, 'shop_dependency_call_duration_count', outcome('ok'))).toBe(1);
    expect(valueOf(samples, 'shop_dependency_call_duration_count', outcome('failure'))).toBe(0);
  });

  it('shows bulkhead slots in use and the calls it refused', async () => {
    const dependency = { shop_dependency: 'bulkhead-spec' };
    const policy = new CallPolicy({
      dependency: 'bulkhead-spec',
      bulkheadLimit: 2,
      bulkheadQueue: 1,
    });
    const { promise: held, resolve: release } = Promise.withResolvers<string>();
    const admitted = [1, 2, 3].map(() => policy.execute(() => held));
    await policy.execute(() => held).catch(() => undefined);

    const during = await scrape();
    expect(valueOf(during, 'shop_bulkhead_in_flight', dependency)).toBe(2);
    expect(valueOf(during, 'shop_bulkhead_queued', dependency)).toBe(1);
    expect(valueOf(during, 'shop_bulkhead_rejections_total', dependency)).toBe(1);

    release('ok');
    await Promise.all(admitted);
    const after = await scrape();
    expect(valueOf(after, 'shop_bulkhead_in_flight', dependency)).toBe(0);
  });

  it('counts retries, shows the retry budget they used up, and counts the retries it refused', async () => {
    const dependency = { shop_dependency: 'budget-spec' };
    const policy = new CallPolicy({
      ...fast,
      dependency: 'budget-spec',
      maxRetries: 2,
      breakerConsecutiveFailures: 100,
      retryBudget: { ratio: 0, minRetriesPerWindow: 3, windowMs: 60_000 },
    });
    expect(valueOf(await scrape(), 'shop_retry_budget_remaining', dependency)).toBe(3);

    await policy.execute(unavailable).catch(() => undefined); // 2 retries
    await policy.execute(unavailable).catch(() => undefined); // 1 retry, then the budget is spent
    const spent = await scrape();
    expect(valueOf(spent, 'shop_retry_attempts_total', dependency)).toBe(3);
    expect(valueOf(spent, 'shop_retry_budget_remaining', dependency)).toBe(0);
    expect(valueOf(spent, 'shop_retry_budget_refusals_total', dependency)).toBe(1);

    await policy.execute(unavailable).catch(() => undefined); // no retry at all: refused
    const after = await scrape();
    expect(valueOf(after, 'shop_retry_attempts_total', dependency)).toBe(3);
    expect(valueOf(after, 'shop_retry_budget_refusals_total', dependency)).toBe(2);
  });
});
