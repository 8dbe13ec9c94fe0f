import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * Every field costs 1 plus what it selects; a paginated list's selection
 * counts `first` times (its default applies when the client omits it), so
 * `courses(first: 50) { nodes { seats { … } } }` costs what its fan-out does.
 */
export const paginatedCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const pageSize: unknown = args.first;
  return 1 + childComplexity * (typeof pageSize === 'number' ? pageSize : 1);
};

/**
 * Refuses a query whose estimated cost exceeds `maxCost` before any subgraph
 * is called (graphql-query-complexity). It runs once the operation is
 * resolved, because the cost depends on the variables.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, request }) => {
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables ?? {},
            estimators: [paginatedCost],
          });
          if (cost <= maxCost) return Promise.resolve();
          throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}.`, {
            extensions: {
              code: 'GRAPHQL_VALIDATION_FAILED',
              limit: 'MAX_QUERY_COST',
              maximum: maxCost,
              actual: cost,
              http: { status: 400 },
            },
          });
        },
      }),
  };
}
