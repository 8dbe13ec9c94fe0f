import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-backoff.js';

const backoff = { initialMs: 100, maxMs: 1_000 };

describe('retryDelayMs', () => {
  it('doubles per failure and stays at the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 40].map((n) => retryDelayMs(n, backoff, () => 1));
    expect(ceilings).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters within the upper half, so no retry is immediate', () => {
    expect(retryDelayMs(3, backoff, () => 0)).toBe(200);
    expect(retryDelayMs(3, backoff, () => 0.5)).toBe(300);
  });
});
