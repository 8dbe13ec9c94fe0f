import { describe, expect, it } from 'vitest';
import { describeExit, restartDelayMs, type RestartPolicy } from './restart-policy.js';

const policy: RestartPolicy = { limit: 5, backoffMs: 1_000, maxBackoffMs: 5_000, stableMs: 60_000 };

describe('restartDelayMs', () => {
  it('doubles the wait with each restart in a row, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => restartDelayMs(policy, n))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });
});

describe('describeExit', () => {
  it('names the signal of a killed process, else its exit code', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('killed by SIGKILL');
    expect(describeExit({ code: 1, signal: null })).toBe('code 1');
  });
});
