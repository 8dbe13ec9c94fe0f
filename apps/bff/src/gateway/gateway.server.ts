import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { Logger as NestLogger } from '@nestjs/common';
import { currentCorrelationId } from '@shop/tracing';
import { catalogResponseCachePlugin } from '../guardrails/catalog-response-cache.plugin.js';
import { queryCostPlugin } from '../guardrails/query-cost.plugin.js';
import { operationInputPlugin } from '../guardrails/operation-input.plugin.js';
import { queryAliasesRule } from '../guardrails/query-aliases.rule.js';
import { queryDepthRule } from '../guardrails/query-depth.rule.js';
import { subgraphFetchBudget } from '../guardrails/subgraph-fetch-budget.js';
import type { GatewayContext } from './gateway.context.js';
import { graphqlMetricsPlugin } from './graphql-metrics.plugin.js';
import { withPersistedQueryCode } from './persisted-query-errors.js';
import { gatewayTokensFor, SubgraphDataSource } from './subgraph.data-source.js';

export interface GatewaySettings {
  readonly supergraphSdl: string;
  /** Where each subgraph named in the supergraph is served (the supergraph's own URLs are ignored). */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** The HS256 key of each gateway → subgraph edge. */
  readonly subgraphSecrets: Readonly<Record<string, string>>;
  readonly subgraphTimeoutMs: number;
  readonly maxQueryDepth: number;
  readonly maxQueryCost: number;
  readonly maxQueryAliases: number;
  readonly maxSubgraphFetches: number;
  /** Both reveal the schema: development only (`@shop/config` refuses them elsewhere). */
  readonly introspection: boolean;
  readonly fieldSuggestions: boolean;
  /** Query plans on request (`Apollo-Query-Plan-Experimental`) reveal the subgraphs: development only too. */
  readonly queryPlans: boolean;
}

/**
 * Apollo Server running Apollo Gateway over a static supergraph, with the
 * guardrails: client input refused with a 400 and a precise code, depth,
 * alias and cost limits, a budget of subgraph fetches per query plan,
 * automatic persisted queries (on by default in Apollo Server,
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
        url: settingOf(name, settings.subgraphUrls, 'URL'),
        tokens: gatewayTokensFor(name, settingOf(name, settings.subgraphSecrets, 'secret')),
        timeoutMs: settings.subgraphTimeoutMs,
      }),
    experimental_didResolveQueryPlan: subgraphFetchBudget(settings.maxSubgraphFetches),
    // Always set: Apollo's own default shows plans unless NODE_ENV is exactly
    // "production" (so also when it is unset, or "test", or "staging").
    __exposeQueryPlanExperimental: settings.queryPlans,
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    logger,
    validationRules: [
      queryDepthRule(settings.maxQueryDepth),
      queryAliasesRule(settings.maxQueryAliases),
    ],
    plugins: [
      // First, so that it times and counts what every other plugin refuses too.
      graphqlMetricsPlugin(),
      operationInputPlugin(),
      queryCostPlugin(settings.maxQueryCost),
      catalogResponseCachePlugin(),
    ],
    persistedQueries: {},
    introspection: settings.introspection,
    hideSchemaDetailsFromClientErrors: !settings.fieldSuggestions,
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

function settingOf(
  subgraph: string,
  values: Readonly<Record<string, string>>,
  what: 'URL' | 'secret',
): string {
  const value = values[subgraph];
  if (value === undefined)
    throw new Error(`the supergraph names subgraph "${subgraph}", which bff has no ${what} for`);
  return value;
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
