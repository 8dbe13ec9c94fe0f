import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LEARNER_ID_HEADER } from '../lib/subgraph-context.js';

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
  /** Sent as `x-learner-id`, as the gateway does for a signed-in learner. */
  readonly learnerId?: string;
  readonly headers?: Record<string, string>;
}

/** POSTs an operation to the app's subgraph, in-process (Fastify inject), as the gateway would. */
export async function postGraphql<Data = Record<string, unknown>>(
  app: NestFastifyApplication,
  query: string,
  { variables, learnerId, headers = {} }: GraphqlRequestOptions = {},
): Promise<GraphqlAnswer<Data>> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      ...(learnerId === undefined ? {} : { [LEARNER_ID_HEADER]: learnerId }),
      ...headers,
    },
    payload: JSON.stringify({ query, variables }),
  });
  const body = res.json<{ data?: Data | null; errors?: GraphqlErrorBody[] }>();
  return { status: res.statusCode, headers: res.headers, data: body.data, errors: body.errors };
}
