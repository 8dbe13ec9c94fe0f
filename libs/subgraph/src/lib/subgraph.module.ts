import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { subgraphSdl, type SubgraphName } from '@shop/contracts';
import { gatewayEdge } from '@shop/identity';
import type { FastifyRequest } from 'fastify';
import { parse } from 'graphql';
import { DateTimeScalar } from './date-time.scalar.js';
import { entityRepresentationScalar } from './entity-representation.scalar.js';
import { formatSubgraphError } from './format-error.js';
import { MinorUnitsScalar } from './minor-units.scalar.js';
import { moneyResolvers } from './money.resolvers.js';
import { GatewayTokens, learnerFromGateway, type SubgraphSettings } from './gateway-caller.js';
import type { SubgraphContext } from './subgraph-context.js';

// The contracts' types every subgraph that has them resolves alike.
const SHARED_RESOLVERS = {
  DateTime: DateTimeScalar,
  MinorUnits: MinorUnitsScalar,
  Money: moneyResolvers,
};

/** The shared resolvers of the types this SDL defines (Nest refuses resolvers of absent types). */
function sharedResolversFor(sdl: string): Partial<typeof SHARED_RESOLVERS> {
  const defined = new Set(
    parse(sdl).definitions.flatMap((definition) =>
      'name' in definition && definition.name !== undefined ? [definition.name.value] : [],
    ),
  );
  return Object.fromEntries(Object.entries(SHARED_RESOLVERS).filter(([type]) => defined.has(type)));
}

/**
 * Builds one request's DataLoaders. A provider of the service: it gets the
 * repositories and clients the loaders batch over by injection.
 */
export interface LoadersFactory<Loaders> {
  forRequest(learnerId: string | undefined): Loaders;
}

export interface SubgraphModuleOptions<Loaders> {
  /** Which SDL of `@shop/contracts` this service serves. */
  readonly subgraph: SubgraphName;
  /** The module that provides `loaders` (and, usually, the resolvers). */
  readonly imports: ModuleMetadata['imports'];
  readonly loaders: Type<LoadersFactory<Loaders>>;
  /** The service's config (it spreads `subgraphConfig(subgraph)` into its schema). */
  readonly config: SubgraphSettings;
}

/**
 * The service's GraphQL subgraph at `POST /graphql` on its HTTP app: Apollo
 * Server (federation driver) built schema-first from the committed SDL, with
 * the service's Nest resolvers, a per-request context (the learner of the
 * gateway's signed token, and DataLoaders), and errors that always carry
 * code, type and correlation id. A request without the gateway's token is
 * refused before any resolver runs.
 * Apollo's cache-control plugin turns the SDL's `@cacheControl` hints into the
 * `Cache-Control` header the gateway reads.
 */
@Module({})
export class SubgraphModule {
  static forRoot<Loaders>(options: SubgraphModuleOptions<Loaders>): DynamicModule {
    const sdl = subgraphSdl(options.subgraph);
    const tokens = new GatewayTokens({
      secret: options.config.GATEWAY_TOKEN_SECRET,
      ...gatewayEdge(options.subgraph),
    });
    const graphql = GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
      driver: ApolloFederationDriver,
      imports: options.imports ?? [],
      inject: [options.loaders],
      useFactory: (loaders: LoadersFactory<Loaders>) => ({
        path: '/graphql',
        typeDefs: sdl,
        // _Any: representations checked against this SDL's entities before any resolver.
        resolvers: { ...sharedResolversFor(sdl), _Any: entityRepresentationScalar(sdl) },
        // A subgraph is reached by the gateway only: no landing page.
        graphiql: false,
        // Both reveal the schema; off outside development (@shop/config refuses them).
        introspection: options.config.GRAPHQL_INTROSPECTION,
        hideSchemaDetailsFromClientErrors: !options.config.GRAPHQL_FIELD_SUGGESTIONS,
        includeStacktraceInErrorResponses: false,
        // Inline traces (ftv1) feed Apollo GraphOS usage reporting, which this
        // system does not use: traces are OpenTelemetry's (@shop/tracing).
        plugins: [ApolloServerPluginInlineTraceDisabled()],
        formatError: formatSubgraphError,
        context: async (request: FastifyRequest): Promise<SubgraphContext<Loaders>> => {
          const learnerId = await learnerFromGateway(request, tokens);
          return { learnerId, loaders: loaders.forRequest(learnerId) };
        },
      }),
    });
    return {
      module: SubgraphModule,
      imports: [graphql],
      providers: [{ provide: GatewayTokens, useValue: tokens }],
      exports: [GatewayTokens],
    };
  }
}
