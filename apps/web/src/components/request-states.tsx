import type { GraphQLRequestError } from '../graphql/graphql-request-error';

export function Loading({ what }: { readonly what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

/** A failed request: its message and code; a retry button when trying again may help. */
export function RequestFailed(props: {
  readonly error: GraphQLRequestError;
  readonly retry?: () => void;
}) {
  const { error, retry } = props;
  return (
    <div role="alert" className="error-panel">
      <p>
        {error.message} <code className="error-code">{error.code}</code>
      </p>
      {retry && (error.retryable || error.code === 'SUBGRAPH_UNAVAILABLE') ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
