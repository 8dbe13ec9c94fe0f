import type { ApolloServerPlugin } from '@apollo/server';
import { bounded, DURATION_BUCKETS_S, secondsSince, shopMeter } from '@shop/metrics';
import { Kind, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';

const duration = shopMeter('@shop/bff').createHistogram('shop.graphql.operation.duration', {
  unit: 's',
  description:
    'GraphQL operations the gateway answered, by operation type, root field (bounded by the schema) and outcome: ok, or the first error code.',
  advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_S] },
});

// The codes the gateway and the subgraphs answer with; anything else is "other".
const KNOWN_CODES = new Set([
  'AMOUNT_BEYOND_INT',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'CONFLICT',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'IDEMPOTENCY_KEY_IN_FLIGHT',
  'IDEMPOTENCY_KEY_REUSED',
  'INTERNAL_SERVER_ERROR',
  'MAX_QUERY_ALIASES',
  'MAX_QUERY_COST',
  'MAX_QUERY_DEPTH',
  'MAX_SUBGRAPH_FETCHES',
  'NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYMENT_DECLINED',
  'PAYMENT_UNAVAILABLE',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_UNAVAILABLE',
  'UNAUTHENTICATED',
]);

/**
 * Rate, errors and duration per GraphQL operation at the gateway. An
 * operation's *name* is whatever the client typed, so it would make a series
 * per name; the labels are what the schema bounds instead: the operation type
 * and its root field (`placeOrder`, `course`; `multiple` when it selects more
 * than one), `none` when the document never got that far (it did not parse or
 * validate). The outcome is `ok` or the first error's code, from a known set.
 */
export function graphqlMetricsPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () => {
      const started = performance.now();
      let type = 'none';
      let rootField = 'none';
      return Promise.resolve({
        didResolveOperation: ({ operation }) => {
          if (operation !== undefined) {
            type = operation.operation;
            rootField = rootFieldOf(operation);
          }
          return Promise.resolve();
        },
        willSendResponse: ({ response }) => {
          const errors =
            response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          duration.record(secondsSince(started), {
            'graphql.operation.type': type,
            'shop.graphql.root_field': rootField,
            'shop.graphql.outcome': outcomeOf(errors),
          });
          return Promise.resolve();
        },
      });
    },
  };
}

function rootFieldOf(operation: OperationDefinitionNode): string {
  const selections = operation.selectionSet.selections;
  const [only] = selections;
  if (selections.length > 1) return 'multiple';
  // A fragment spread at the root has no one field to name.
  return only?.kind === Kind.FIELD ? only.name.value : 'other';
}

function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): string {
  const [first] = errors ?? [];
  if (first === undefined) return 'ok';
  const code = first.extensions?.code;
  return bounded(typeof code === 'string' ? code : undefined, KNOWN_CODES);
}
