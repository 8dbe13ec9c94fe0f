import { developmentOnlyFlag } from '@shop/config';
import {
  GATEWAY_TOKEN_HEADER,
  gatewayTokenSecret,
  InvalidTokenError,
  SignedTokens,
} from '@shop/identity';
import { problemType } from '@shop/platform';
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';

/** The gateway → this subgraph edge's tokens (a provider, for tests that post as the gateway). */
export class GatewayTokens extends SignedTokens {}

/** What a subgraph reads from its environment (spread into the app's config schema). */
export const subgraphConfig = (subgraph: string) => ({
  GATEWAY_TOKEN_SECRET: gatewayTokenSecret(
    subgraph,
    `HS256 key of the gateway → ${subgraph} subgraph edge: every request must carry the bff's token signed with it (\`${GATEWAY_TOKEN_HEADER}\`). The bff's \`${subgraph.toUpperCase()}_SUBGRAPH_SECRET\` must be the same.`,
  ),
  GRAPHQL_INTROSPECTION: developmentOnlyFlag(
    true,
    'Answer introspection queries (`__schema`, `__type`).',
  ),
  GRAPHQL_FIELD_SUGGESTIONS: developmentOnlyFlag(
    true,
    'Name similar fields in validation errors ("Did you mean …?"), which reveals the schema.',
  ),
});

export interface SubgraphSettings {
  readonly GATEWAY_TOKEN_SECRET: string;
  readonly GRAPHQL_INTROSPECTION: boolean;
  readonly GRAPHQL_FIELD_SUGGESTIONS: boolean;
}

/**
 * The learner the gateway vouches for (undefined for an anonymous request),
 * from its signed token. A request without a valid token did not come from
 * the gateway: it is refused whole, UNAUTHENTICATED with HTTP 401.
 */
export async function learnerFromGateway(
  request: FastifyRequest,
  tokens: GatewayTokens,
): Promise<string | undefined> {
  const token = request.headers[GATEWAY_TOKEN_HEADER];
  if (typeof token !== 'string') throw notFromGateway('The gateway token is missing.');
  try {
    return await tokens.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw notFromGateway(error.message);
    throw error;
  }
}

function notFromGateway(reason: string): GraphQLError {
  return new GraphQLError(`Only the gateway may call this subgraph. ${reason}`, {
    extensions: {
      code: 'UNAUTHENTICATED',
      type: problemType('unauthenticated'),
      http: { status: 401 },
    },
  });
}
