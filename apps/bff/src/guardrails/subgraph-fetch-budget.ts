import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

// @apollo/query-planner's types, as the gateway hands them to the hook.
type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = QueryPlan['node'];

/**
 * How many subgraph fetches a query plan makes at most: every Fetch node,
 * wherever it sits (under Sequence, Parallel, Flatten, the primary and the
 * deferred parts of a Defer); of a Condition (`@include`/`@skip` on a
 * variable) only the costlier branch runs.
 */
export function countSubgraphFetches(plan: QueryPlan): number {
  return fetchesOf(plan.node);
}

function fetchesOf(node: PlanNode): number {
  if (node === undefined) return 0;
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Flatten':
      return fetchesOf(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.reduce((sum, child) => sum + fetchesOf(child), 0);
    case 'Condition':
      return Math.max(fetchesOf(node.ifClause), fetchesOf(node.elseClause));
    case 'Defer':
      return node.deferred.reduce(
        (sum, deferred) => sum + fetchesOf(deferred.node),
        fetchesOf(node.primary.node),
      );
    case 'Subscription':
      return fetchesOf(node.primary) + fetchesOf(node.rest);
  }
}

/**
 * Refuses, with a 400, an operation whose query plan needs more than
 * `maxFetches` subgraph fetches. Apollo Gateway calls this hook once the plan
 * is built (or taken from its plan cache) and before it executes any of it
 * (`experimental_didResolveQueryPlan`); what the hook throws is the response,
 * so no subgraph is called.
 */
export function subgraphFetchBudget(maxFetches: number): Experimental_DidResolveQueryPlanCallback {
  return ({ queryPlan }) => {
    const fetches = countSubgraphFetches(queryPlan);
    if (fetches <= maxFetches) return;
    throw new GraphQLError(
      `Query plan needs ${fetches} subgraph fetches, over the limit of ${maxFetches}.`,
      {
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          limit: 'MAX_SUBGRAPH_FETCHES',
          maximum: maxFetches,
          actual: fetches,
          http: { status: 400 },
        },
      },
    );
  };
}
