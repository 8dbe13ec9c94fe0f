import { Module, type DynamicModule } from '@nestjs/common';
import type { BffConfig } from '../config.js';
import { GATEWAY_SETTINGS, GraphqlEndpoint } from './graphql.endpoint.js';
import type { GatewaySettings } from './gateway.server.js';

/** The GraphQL gateway over the four subgraphs; needs LearnerTokens from `identity`. */
@Module({})
export class GatewayModule {
  static forRoot(
    config: BffConfig,
    { supergraphSdl, identity }: { supergraphSdl: string; identity: DynamicModule },
  ): DynamicModule {
    const settings: GatewaySettings = {
      supergraphSdl,
      subgraphUrls: {
        checkout: config.CHECKOUT_GRAPHQL_URL,
        enrollment: config.ENROLLMENT_GRAPHQL_URL,
        notification: config.NOTIFICATION_GRAPHQL_URL,
        analytics: config.ANALYTICS_GRAPHQL_URL,
      },
      subgraphSecrets: {
        checkout: config.CHECKOUT_SUBGRAPH_SECRET,
        enrollment: config.ENROLLMENT_SUBGRAPH_SECRET,
        notification: config.NOTIFICATION_SUBGRAPH_SECRET,
        analytics: config.ANALYTICS_SUBGRAPH_SECRET,
      },
      subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      maxQueryDepth: config.MAX_QUERY_DEPTH,
      maxQueryCost: config.MAX_QUERY_COST,
      maxQueryAliases: config.MAX_QUERY_ALIASES,
      maxSubgraphFetches: config.MAX_SUBGRAPH_FETCHES,
      introspection: config.GRAPHQL_INTROSPECTION,
      fieldSuggestions: config.GRAPHQL_FIELD_SUGGESTIONS,
      queryPlans: config.GRAPHQL_QUERY_PLANS,
    };
    return {
      module: GatewayModule,
      imports: [identity],
      providers: [{ provide: GATEWAY_SETTINGS, useValue: settings }, GraphqlEndpoint],
    };
  }
}
