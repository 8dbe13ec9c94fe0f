import { HEALTH_CHECK_QUERY } from '@apollo/gateway';
import type { ReadinessCheck } from '@shop/platform';

/**
 * Readiness of a subgraph: it answers Apollo's health-check query
 * (`{ __typename }`) with data, in time.
 */
export function subgraphReadiness(name: string, url: string): ReadinessCheck {
  return {
    name,
    check: async (signal) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: HEALTH_CHECK_QUERY }),
        signal,
      });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      const body = (await res.json()) as { data?: { __typename?: unknown } };
      if (body.data?.__typename !== 'Query') throw new Error(`${url} answered without data`);
    },
  };
}
