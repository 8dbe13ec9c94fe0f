import { useCallback, useEffect, useRef, useState } from 'react';
import type { TadaDocumentNode } from 'gql.tada';
import { GraphQLRequestError } from '../graphql/graphql-request-error';
import { PersistedQueryClient } from '../graphql/persisted-query.client';

export const client = new PersistedQueryClient();

export type QueryState<Data> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: GraphQLRequestError }
  | { readonly status: 'ok'; readonly data: Data; readonly refreshing: boolean };

export interface QueryOptions<Data> {
  readonly token?: string | undefined;
  /** Poll every `pollMs` while this says so of the latest data (a live order page). */
  readonly pollWhile?: (data: Data) => boolean;
  readonly pollMs?: number;
}

/** Runs a query when its variables change; `retry` runs it again. */
export function useQuery<Data, Variables>(
  document: TadaDocumentNode<Data, Variables>,
  variables: Variables,
  options: QueryOptions<Data> = {},
): QueryState<Data> & { readonly retry: () => void } {
  const [state, setState] = useState<QueryState<Data>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  const pollWhile = useRef(options.pollWhile);
  pollWhile.current = options.pollWhile;
  const { token, pollMs = 1000 } = options;

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await client.execute(document, JSON.parse(key) as Variables, {
          token,
          signal: abort.signal,
        });
        if (abort.signal.aborted) return;
        setState({ status: 'ok', data, refreshing: false });
        if (pollWhile.current?.(data)) timer = setTimeout(() => void run(), pollMs);
      } catch (error) {
        if (abort.signal.aborted) return;
        const failure = asRequestError(error);
        if (pollWhile.current && failure.transient) {
          // A live query rides out a transient failure (the gateway timing out while a
          // broker restarts): the last answer stays on screen, the next poll comes as usual.
          setState((previous) =>
            previous.status === 'ok'
              ? { ...previous, refreshing: false }
              : { status: 'error', error: failure },
          );
          timer = setTimeout(() => void run(), pollMs);
          return;
        }
        setState({ status: 'error', error: failure });
      }
    };
    setState((previous) =>
      previous.status === 'ok' ? { ...previous, refreshing: true } : { status: 'loading' },
    );
    void run();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [document, key, token, pollMs, attempt]);

  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, retry };
}

export function asRequestError(error: unknown): GraphQLRequestError {
  return error instanceof GraphQLRequestError
    ? error
    : new GraphQLRequestError({
        kind: 'graphql',
        code: 'CLIENT_ERROR',
        message: error instanceof Error ? error.message : String(error),
      });
}
