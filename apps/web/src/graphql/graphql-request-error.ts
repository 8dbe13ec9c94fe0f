/** Why a GraphQL request failed, in the terms the page shows. */
export type RequestFailure =
  /** The bff answered with errors: `code` is the first error's `extensions.code`. */
  | {
      readonly kind: 'graphql';
      readonly code: string;
      readonly message: string;
      /** The order the error is about, when it names one (a declined card's cancelled order). */
      readonly orderId?: string;
    }
  /** No answer (connection refused, offline, aborted): worth a retry. */
  | { readonly kind: 'network'; readonly code: 'NETWORK_ERROR'; readonly message: string };

export class GraphQLRequestError extends Error {
  constructor(readonly failure: RequestFailure) {
    super(failure.message);
    this.name = 'GraphQLRequestError';
  }

  get code(): string {
    return this.failure.code;
  }

  get retryable(): boolean {
    return this.failure.kind === 'network';
  }

  /**
   * Whether asking again soon may well succeed: the network, or the gateway
   * giving up on a subgraph (slow or restarting) — not a refusal.
   */
  get transient(): boolean {
    return this.retryable || TRANSIENT_CODES.has(this.failure.code);
  }
}

const TRANSIENT_CODES = new Set(['SUBGRAPH_TIMEOUT', 'SUBGRAPH_UNAVAILABLE']);
