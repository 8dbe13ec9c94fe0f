import { HEALTH_CHECK_QUERY } from '@apollo/gateway';
import { GATEWAY_TOKEN_HEADER, type SignedTokens } from '@shop/identity';
import type { ReadinessCheck } from '@shop/platform';

/**
 * Readiness of a subgraph: it answers Apollo's health-check query
 * (`{ __typename }`) with data, in time, to the gateway's (anonymous) token.
 */
export function subgraphReadiness(name: string, url: string, tokens: SignedTokens): ReadinessCheck {
  return {
    name,
    check: async (signal) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [GATEWAY_TOKEN_HEADER]: (await tokens.issue(undefined)).token,
        },
        body: JSON.stringify({ query: HEALTH_CHECK_QUERY }),
        signal,
      });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      const body = (await res.json()) as { data?: { __typename?: unknown } };
      if (body.data?.__typename !== 'Query') throw new Error(`${url} answered without data`);
    },
  };
}
