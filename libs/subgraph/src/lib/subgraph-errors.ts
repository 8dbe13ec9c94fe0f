import type { Problem } from '@shop/platform';
import { problemType } from '@shop/platform';
import { GraphQLError } from 'graphql';

/**
 * The `extensions.code`s of this system's GraphQL errors: Apollo's own
 * (BAD_USER_INPUT, INTERNAL_SERVER_ERROR…) and the domain's. Clients switch on
 * the code; `extensions.type` is the same problem type URI REST answers with.
 */
export type SubgraphErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYMENT_DECLINED'
  | 'PAYMENT_UNAVAILABLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_FLIGHT'
  | 'AMOUNT_BEYOND_INT'
  | 'INTERNAL_SERVER_ERROR';

/** What a resolver says went wrong: the GraphQL error code and the problem REST would answer. */
export interface SubgraphErrorSpec {
  readonly code: SubgraphErrorCode;
  readonly problem: Problem;
  /** More members for `extensions`, e.g. `retryAfterMs`. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * A GraphQL error whose extensions carry the code, the problem's `type` and
 * its extension members (e.g. `courseIds`); `formatError` adds the
 * correlation id. Its message is the problem's detail (or title).
 */
export function subgraphError({ code, problem, extensions = {} }: SubgraphErrorSpec): GraphQLError {
  const { type, title, status: _status, detail, ...members } = problem;
  return new GraphQLError(detail ?? title, {
    extensions: { code, type, ...members, ...extensions },
  });
}

/** The gateway's token names no learner: order reads and placeOrder need a signed-in learner. */
export function unauthenticated(): GraphQLError {
  return subgraphError({
    code: 'UNAUTHENTICATED',
    problem: {
      type: problemType('unauthenticated'),
      title: 'Sign in first',
      status: 401,
      detail: 'This field needs a signed-in learner (a bearer token at the gateway).',
    },
  });
}

/** The learner asked for something that is not theirs. */
export function forbidden(detail: string): GraphQLError {
  return subgraphError({
    code: 'FORBIDDEN',
    problem: { type: problemType('forbidden'), title: 'Not yours', status: 403, detail },
  });
}
