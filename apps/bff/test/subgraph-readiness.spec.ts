import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphReadiness } from '../src/health/subgraph-readiness.js';
import { startStandIns, stopStandIns, type StandIns } from './support/fake-subgraphs.js';

describe('subgraph readiness', () => {
  let subgraphs: StandIns;

  beforeAll(async () => {
    subgraphs = await startStandIns();
  });
  afterAll(async () => {
    await stopStandIns(subgraphs);
  });

  it('passes while the subgraph answers the health-check query', async () => {
    const check = subgraphReadiness('checkout', subgraphs.checkout.url);
    await expect(check.check(AbortSignal.timeout(2_000))).resolves.toBeUndefined();
    expect(subgraphs.checkout.fetches).toBe(1);
  });

  it('fails once the subgraph is stopped', async () => {
    await subgraphs.analytics.stop();
    const stopped = subgraphReadiness('analytics', subgraphs.analytics.url);
    await expect(stopped.check(AbortSignal.timeout(2_000))).rejects.toThrow('fetch failed');
  });
});
