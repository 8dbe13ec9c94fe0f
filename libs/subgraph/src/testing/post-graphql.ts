import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GATEWAY_TOKEN_HEADER } from '@shop/identity';
import { GatewayTokens } from '../lib/gateway-caller.js';

/** One error of a GraphQL response body. */
export interface GraphqlErrorBody {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions: Readonly<Record<string, unknown>>;
}

/** A GraphQL answer as a test reads it. */
export interface GraphqlAnswer<Data> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly data: Data | null | undefined;
  readonly errors: readonly GraphqlErrorBody[] | undefined;
}

export interface GraphqlRequestOptions {
  readonly variables?: Record<string, unknown>;
  /** The signed-in learner the gateway's token names; none for an anonymous request. */
  readonly learnerId?: string;
  /** `false`: send no gateway token at all, as a caller other than the gateway would. */
  readonly asGateway?: boolean;
  readonly headers?: Record<string, string>;
}

/**
 * POSTs an operation to the app's subgraph, in-process (Fastify inject), as
 * the gateway would: with a token signed for this subgraph's edge.
 */
export async function postGraphql<Data = Record<string, unknown>>(
  app: NestFastifyApplication,
  query: string,
  { variables, learnerId, asGateway = true, headers = {} }: GraphqlRequestOptions = {},
): Promise<GraphqlAnswer<Data>> {
  const gateway = asGateway
    ? { [GATEWAY_TOKEN_HEADER]: (await app.get(GatewayTokens).issue(learnerId)).token }
    : {};
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...gateway, ...headers },
    payload: JSON.stringify({ query, variables }),
  });
  const body = res.json<{ data?: Data | null; errors?: GraphqlErrorBody[] }>();
  return { status: res.statusCode, headers: res.headers, data: body.data, errors: body.errors };
}
