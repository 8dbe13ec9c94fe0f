import { Kind, print, type DocumentNode } from '@0no-co/graphql.web';
import type { TadaDocumentNode } from 'gql.tada';
import { GraphQLRequestError } from './graphql-request-error';

interface GraphQLResponse<Data> {
  readonly data?: Data | null;
  readonly errors?: readonly {
    readonly message: string;
    readonly extensions?: { readonly code?: string; readonly orderId?: unknown };
  }[];
}

export interface RequestOptions {
  /** The learner's bearer token (the dev-token flow); absent for public queries. */
  readonly token?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Sends documents as Automatic Persisted Queries (Apollo's APQ, which the bff
 * serves): the first try carries only the query's sha256 hash; when the bff
 * answers PERSISTED_QUERY_NOT_FOUND (its cache does not know it yet), the
 * second carries hash and query, and the bff keeps it for next time.
 */
export class PersistedQueryClient {
  private readonly texts = new WeakMap<
    DocumentNode,
    { query: string; hash: Promise<string>; operationName: string | undefined }
  >();

  constructor(
    private readonly endpoint = '/graphql',
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  async execute<Data, Variables>(
    document: TadaDocumentNode<Data, Variables>,
    variables: Variables,
    options: RequestOptions = {},
  ): Promise<Data> {
    const { query, hash, operationName } = this.textOf(document);
    const persistedQuery = { version: 1, sha256Hash: await hash };
    // The operation's name travels with the hash: the bff's logs and traces name it.
    const request = { operationName, variables, extensions: { persistedQuery } };
    let body = await this.post<Data>(request, options);
    if (body.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
      body = await this.post<Data>({ ...request, query }, options);
    }
    const [first] = body.errors ?? [];
    if (first) {
      const orderId = first.extensions?.orderId;
      throw new GraphQLRequestError({
        kind: 'graphql',
        code: first.extensions?.code ?? 'UNKNOWN',
        message: first.message,
        ...(typeof orderId === 'string' ? { orderId } : {}),
      });
    }
    if (body.data == null) {
      throw new GraphQLRequestError({
        kind: 'graphql',
        code: 'NO_DATA',
        message: 'The server answered without data.',
      });
    }
    return body.data;
  }

  private textOf(document: DocumentNode) {
    let text = this.texts.get(document);
    if (!text) {
      const query = print(document);
      const [definition] = document.definitions;
      const operationName =
        definition?.kind === Kind.OPERATION_DEFINITION ? definition.name?.value : undefined;
      text = { query, hash: sha256Hex(query), operationName };
      this.texts.set(document, text);
    }
    return text;
  }

  private async post<Data>(
    payload: Record<string, unknown>,
    options: RequestOptions,
  ): Promise<GraphQLResponse<Data>> {
    let response: Response;
    try {
      response = await this.fetchFn(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(payload),
        signal: options.signal ?? null,
      });
    } catch (error) {
      throw new GraphQLRequestError({
        kind: 'network',
        code: 'NETWORK_ERROR',
        message: `The shop could not be reached (${error instanceof Error ? error.message : String(error)}).`,
      });
    }
    // GraphQL errors come with 4xx/5xx too (the bff's guardrails answer 400): read the body either way.
    const body = (await response.json().catch(() => undefined)) as
      GraphQLResponse<Data> | undefined;
    if (body && ('data' in body || 'errors' in body)) return body;
    // Anything else is not the bff speaking GraphQL (e.g. the web server's 502 while the bff is down).
    throw new GraphQLRequestError({
      kind: 'network',
      code: 'NETWORK_ERROR',
      message: `The shop is not answering right now (HTTP ${String(response.status)}).`,
    });
  }
}

/** The hex sha256 APQ identifies a query by (Web Crypto: loopback and https are secure contexts). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
