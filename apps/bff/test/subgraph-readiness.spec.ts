import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentGatewayTokens } from '@shop/identity/testing';
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

  it('passes while the subgraph answers the health-check query (to the gateway’s token)', async () => {
    const check = subgraphReadiness(
      'checkout',
      subgraphs.checkout.url,
      developmentGatewayTokens('checkout'),
    );
    await expect(check.check(AbortSignal.timeout(2_000))).resolves.toBeUndefined();
    expect(subgraphs.checkout.fetches).toBe(1);
  });

  it('fails once the subgraph is stopped', async () => {
    await subgraphs.analytics.stop();
    const stopped = subgraphReadiness(
      'analytics',
      subgraphs.analytics.url,
      developmentGatewayTokens('analytics'),
    );
    await expect(stopped.check(AbortSignal.timeout(2_000))).rejects.toThrow('fetch failed');
  });
});
