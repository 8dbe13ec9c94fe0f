/** A GraphQL answer as the gateway sends it. */
export interface GraphqlAnswer<Data> {
  readonly status: number;
  readonly headers: Headers;
  readonly data: Data | null | undefined;
  readonly errors: readonly GraphqlError[];
}

export interface GraphqlError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

export interface GraphqlRequest {
  readonly query?: string;
  readonly variables?: Record<string, unknown>;
  /** A learner's bearer token from `token()`. */
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** Apollo's automatic persisted query extension. */
  readonly persistedQueryHash?: string;
}

/** `POST /graphql` over the wire: the bff's gateway, or a service's subgraph. */
export class GraphqlClient {
  protected constructor(protected readonly baseUrl: string) {}

  static onPort(port: number): GraphqlClient {
    return new GraphqlClient(`http://127.0.0.1:${port}`);
  }

  async graphql<Data>(request: GraphqlRequest): Promise<GraphqlAnswer<Data>> {
    const { query, variables, token, persistedQueryHash } = request;
    const extensions = persistedQueryHash
      ? { persistedQuery: { version: 1, sha256Hash: persistedQueryHash } }
      : undefined;
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...request.headers,
      },
      body: JSON.stringify({ query, variables, extensions }),
    });
    const body = (await res.json()) as { data?: Data | null; errors?: GraphqlError[] };
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors ?? [] };
  }
}

/** The bff as a client sees it: its gateway, and `POST /dev/tokens` for a learner's token. */
export class BffClient extends GraphqlClient {
  static override onPort(port: number): BffClient {
    return new BffClient(`http://127.0.0.1:${port}`);
  }

  /** A signed learner token from the dev endpoint. */
  async token(learnerId: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ learnerId }),
    });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`POST /dev/tokens answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  }
}
