import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatewayEdge } from './edges.js';
import { ReusedTokens } from './reused-tokens.js';
import { SignedTokens } from './signed-tokens.js';

const tokens = new SignedTokens({
  secret: 'a-test-secret-of-at-least-32-characters',
  ...gatewayEdge('checkout'),
});

afterEach(() => {
  vi.useRealTimers();
});

describe('reused tokens', () => {
  it('hand one subject the same token within the reuse window, each subject its own', async () => {
    const issue = vi.spyOn(tokens, 'issue');
    const reused = new ReusedTokens(tokens, { reuseSeconds: 10 });
    const [a1, a2] = await Promise.all([reused.issue('learner-a'), reused.issue('learner-a')]);
    const anonymous = await reused.issue(undefined);
    const b = await reused.issue('learner-b');
    expect(a2.token).toBe(a1.token);
    expect(issue).toHaveBeenCalledTimes(3);
    await expect(tokens.verify(a1.token)).resolves.toBe('learner-a');
    await expect(tokens.verify(anonymous.token)).resolves.toBeUndefined();
    await expect(tokens.verify(b.token)).resolves.toBe('learner-b');
    issue.mockRestore();
  });

  it('signs a fresh token once the reuse window has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const clock = { now: () => Date.now() };
    const reused = new ReusedTokens(tokens, { reuseSeconds: 10, clock });
    const first = await reused.issue('learner-a');
    vi.advanceTimersByTime(11_000);
    const second = await reused.issue('learner-a');
    expect(second.token).not.toBe(first.token);
    expect(Date.parse(second.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
  });
});
