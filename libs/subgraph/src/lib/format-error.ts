import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { problemType, ProblemException } from '@shop/platform';
import { currentCorrelationId } from '@shop/tracing';
import type { GraphQLFormattedError } from 'graphql';
import { subgraphError, type SubgraphErrorCode } from './subgraph-errors.js';

const logger = new Logger('GraphQL');

// A ProblemException that escaped a resolver keeps its problem; its status picks the code.
function codeOfStatus(status: number): SubgraphErrorCode {
  if (status === 400 || status === 422) return 'BAD_USER_INPUT';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  return 'INTERNAL_SERVER_ERROR';
}

// Apollo's own request errors (syntax, validation, variable coercion) are the client's.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Every error leaves with `extensions.code`, `extensions.type` (a problem type
 * URI, as REST) and `extensions.correlationId`. An unexpected error is logged
 * and answered as INTERNAL_SERVER_ERROR without its message or stack.
 */
export function formatSubgraphError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = toFormatted(formatted, original);
  const extensions = base.extensions ?? {};
  return {
    ...base,
    extensions: {
      ...extensions,
      correlationId: extensions.correlationId ?? currentCorrelationId(),
    },
  };
}

function toFormatted(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const where = { path: formatted.path, locations: formatted.locations };
  if (original instanceof ProblemException) {
    const { extensions } = subgraphError({
      code: codeOfStatus(original.problem.status),
      problem: original.problem,
    });
    return { message: original.message, ...where, extensions };
  }
  const code = formatted.extensions?.code;
  if (formatted.extensions?.type !== undefined) return formatted;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, type: problemType('invalid-request') },
    };
  }
  // A bug (a thrown Error, a null for a non-null field…): logged, never leaked.
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return {
    message: 'Internal server error',
    ...where,
    extensions: { code: 'INTERNAL_SERVER_ERROR', type: problemType('internal-error') },
  };
}
