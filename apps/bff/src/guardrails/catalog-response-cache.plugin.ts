import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { GatewayContext } from '../gateway/gateway.context.js';

/**
 * Whole-response cache at the gateway. What may be cached, and for how long,
 * is decided by the subgraphs' cache hints, which reach the gateway as each
 * subgraph response's Cache-Control header: the catalog (max-age 60, seats 5,
 * stats 30) is shared by everyone; orders are PRIVATE with max-age 0, never
 * cached. A PRIVATE hint with a max-age would be cached per learner only.
 * A request with `Cache-Control: no-cache` skips the cached answer (HTTP's
 * meaning: ask the origin) and refreshes it.
 */
export function catalogResponseCachePlugin(): ApolloServerPlugin<GatewayContext> {
  return responseCachePlugin<GatewayContext>({
    sessionId: ({ contextValue }) => Promise.resolve(contextValue.learnerId ?? null),
    shouldReadFromCache: ({ request }) =>
      Promise.resolve(!/\bno-cache\b/i.test(request.http?.headers.get('cache-control') ?? '')),
  });
}
