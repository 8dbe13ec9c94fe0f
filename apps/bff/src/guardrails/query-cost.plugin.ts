import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { isGraphPageSize, MAX_GRAPH_PAGE } from '@shop/contracts';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { QueryCostCache } from './query-cost.cache.js';

// Distinct (query, cost-relevant variables) pairs remembered; a persisted query set is far smaller.
const COST_CACHE_SIZE = 1_000;

/**
 * Every field costs 1 plus what it selects; a paginated list's selection
 * counts `first` times (its default applies when the client omits it), so
 * `courses(first: 50) { nodes { seats { … } } }` costs what its fan-out does.
 * A `first` outside 1…MAX_GRAPH_PAGE is refused here, before any cost is
 * added up: a negative or zero page size would shrink the estimate and let a
 * query far over the limit through.
 */
export const paginatedCost: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const pageSize: unknown = args.first;
  if (pageSize === undefined) return 1 + childComplexity;
  if (!isGraphPageSize(pageSize)) {
    throw new GraphQLError(`first: must be between 1 and ${MAX_GRAPH_PAGE} (${field.name}).`, {
      extensions: {
        code: 'BAD_USER_INPUT',
        argument: 'first',
        field: field.name,
        minimum: 1,
        maximum: MAX_GRAPH_PAGE,
        http: { status: 400 },
      },
    });
  }
  return 1 + childComplexity * pageSize;
};

/**
 * Refuses a query whose estimated cost exceeds `maxCost` before any subgraph
 * is called (graphql-query-complexity). It runs once the operation is
 * resolved, because the cost depends on the variables. The cost of a query
 * hash with the same cost-relevant variables is computed once
 * (`QueryCostCache`): a persisted query's cost every request is the same sum.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  const costs = new QueryCostCache(COST_CACHE_SIZE);
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, request, queryHash }) => {
          const variables = request.variables ?? {};
          const compute = () =>
            getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables,
              estimators: [paginatedCost],
            });
          const cost = costs.costOf(
            { queryHash, document, operationName: request.operationName, variables },
            compute,
          );
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
