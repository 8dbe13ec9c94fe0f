import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget.js';

describe('RetryBudget', () => {
  it('allows the minimum plus a ratio of the calls made in the window', () => {
    const budget = new RetryBudget(
      { ratio: 0.2, minRetriesPerWindow: 1, windowMs: 1_000 },
      () => 0,
    );
    for (let i = 0; i < 10; i++) budget.recordCall();
    let granted = 0;
    while (budget.canRetry()) {
      budget.recordRetry();
      granted++;
    }
    expect(granted).toBe(3);
  });

  it('forgets calls and retries older than the window', () => {
    let now = 0;
    const budget = new RetryBudget(
      { ratio: 0, minRetriesPerWindow: 1, windowMs: 1_000 },
      () => now,
    );
    budget.recordRetry();
    expect(budget.canRetry()).toBe(false);
    now = 1_050;
    expect(budget.canRetry()).toBe(true);
  });
});
