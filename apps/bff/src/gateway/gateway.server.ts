import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { Logger as NestLogger } from '@nestjs/common';
import { currentCorrelationId } from '@shop/tracing';
import { catalogResponseCachePlugin } from '../guardrails/catalog-response-cache.plugin.js';
import { queryCostPlugin } from '../guardrails/query-cost.plugin.js';
import { operationInputPlugin } from '../guardrails/operation-input.plugin.js';
import { queryDepthRule } from '../guardrails/query-depth.rule.js';
import type { GatewayContext } from './gateway.context.js';
import { withPersistedQueryCode } from './persisted-query-errors.js';
import { SubgraphDataSource } from './subgraph.data-source.js';

export interface GatewaySettings {
  readonly supergraphSdl: string;
  /** Where each subgraph named in the supergraph is served (the supergraph's own URLs are ignored). */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly subgraphTimeoutMs: number;
  readonly maxQueryDepth: number;
  readonly maxQueryCost: number;
}

/**
 * Apollo Server running Apollo Gateway over a static supergraph, with the
 * guardrails: client input refused with a 400 and a precise code, depth and
 * cost limits, automatic persisted queries (on by default in Apollo Server,
 * in its bounded in-memory cache), the catalog response cache, and a
 * deadline on every subgraph fetch.
 */
export function createGatewayServer(settings: GatewaySettings): ApolloServer<GatewayContext> {
  const logger = apolloLogger();
  const gateway = new ApolloGateway({
    supergraphSdl: settings.supergraphSdl,
    logger,
    buildService: ({ name }) =>
      new SubgraphDataSource({
        name,
        url: urlOf(name, settings.subgraphUrls),
        timeoutMs: settings.subgraphTimeoutMs,
      }),
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    logger,
    validationRules: [queryDepthRule(settings.maxQueryDepth)],
    plugins: [
      operationInputPlugin(),
      queryCostPlugin(settings.maxQueryCost),
      catalogResponseCachePlugin(),
    ],
    persistedQueries: {},
    includeStacktraceInErrorResponses: false,
    // Every error names the request it belongs to, as problem+json bodies do.
    formatError: (formatted) => {
      const precise = withPersistedQueryCode(formatted);
      return {
        ...precise,
        extensions: { ...precise.extensions, correlationId: currentCorrelationId() },
      };
    },
  });
}

function urlOf(subgraph: string, urls: Readonly<Record<string, string>>): string {
  const url = urls[subgraph];
  if (url === undefined)
    throw new Error(`the supergraph names subgraph "${subgraph}", which bff has no URL for`);
  return url;
}

// Apollo's log lines go through the service's logger (JSON, correlation ids).
function apolloLogger() {
  const nest = new NestLogger('Gateway');
  return {
    debug: (message: unknown) => {
      nest.debug(message);
    },
    info: (message: unknown) => {
      nest.log(message);
    },
    warn: (message: unknown) => {
      nest.warn(message);
    },
    error: (message: unknown) => {
      nest.error(message);
    },
  };
}
