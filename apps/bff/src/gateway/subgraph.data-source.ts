import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_TOKEN_HEADER, gatewayEdge, ReusedTokens, SignedTokens } from '@shop/identity';
import { CORRELATION_HEADER } from '@shop/tracing';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway.context.js';

export interface SubgraphSettings {
  readonly name: string;
  readonly url: string;
  /** Signs the gateway's token for this subgraph's edge. */
  readonly tokens: SignedTokens;
  readonly timeoutMs: number;
}

// Well under the token's 60 s: a reused token has ≥ 50 s left, far more than any subgraph deadline.
const TOKEN_REUSE_S = 10;

/** The tokens of the gateway → `subgraph` edge: issuer bff, audience that subgraph. */
export function gatewayTokensFor(subgraph: string, secret: string): SignedTokens {
  return new SignedTokens({ secret, ...gatewayEdge(subgraph) });
}

/**
 * How the gateway calls one subgraph: over the platform's fetch with a
 * deadline on every request, with a short-lived token signed for that
 * subgraph (the verified learner as its subject) and the correlation id only
 * (never the client's headers), and turning a failed fetch into an error
 * that names the subgraph, so the rest of the query can still answer.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraph: string;

  private readonly timeoutMs: number;

  private readonly tokens: ReusedTokens;

  constructor(settings: SubgraphSettings) {
    super({ url: settings.url });
    this.subgraph = settings.name;
    // A learner's token is signed once per TOKEN_REUSE_S, not per fetch; it still lives its full 60 s.
    this.tokens = new ReusedTokens(settings.tokens, { reuseSeconds: TOKEN_REUSE_S });
    this.timeoutMs = settings.timeoutMs;
    // Node's own fetch, not the default make-fetch-happen: one HTTP client
    // (that OpenTelemetry instruments) and an AbortSignal deadline per fetch.
    this.fetcher = (url, init) =>
      fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = options.request.http?.headers;
    // Only client operations carry a context (a static supergraph makes no other requests).
    if (!('incomingRequestContext' in options) || !headers) return;
    // The gateway builds these headers itself: nothing the client sent is copied.
    const { learnerId, correlationId } = options.context;
    headers.set(GATEWAY_TOKEN_HEADER, (await this.tokens.issue(learnerId)).token);
    headers.set(CORRELATION_HEADER, correlationId);
  }

  override didEncounterError(error: Error): never {
    throw this.failure(error);
  }

  private failure(error: Error): GraphQLError {
    const extensions = { serviceName: this.subgraph };
    if (error.name === 'TimeoutError') {
      return new GraphQLError(
        `The ${this.subgraph} subgraph did not answer within ${this.timeoutMs} ms.`,
        { originalError: error, extensions: { code: 'SUBGRAPH_TIMEOUT', ...extensions } },
      );
    }
    return new GraphQLError(`The ${this.subgraph} subgraph is unavailable: ${reasonOf(error)}`, {
      originalError: error,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...extensions },
    });
  }
}

// fetch's "fetch failed" hides the useful part (ECONNREFUSED…) in its cause.
function reasonOf(error: Error): string {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return `${error.message} (${cause.message})`;
  return error.message;
}
