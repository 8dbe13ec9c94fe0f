import { OperationTypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countSubgraphFetches, subgraphFetchBudget } from './subgraph-fetch-budget.js';

type Plan = Parameters<typeof countSubgraphFetches>[0];
type Hook = Parameters<ReturnType<typeof subgraphFetchBudget>>[0];

type Node = NonNullable<Plan['node']>;

const fetch = (serviceName: string): Extract<Node, { kind: 'Fetch' }> => ({
  kind: 'Fetch',
  serviceName,
  operation: '{ x }',
  operationName: undefined,
  operationKind: OperationTypeNode.QUERY,
});
const flatten = (node: Extract<Node, { kind: 'Fetch' }>): Extract<Node, { kind: 'Flatten' }> => ({
  kind: 'Flatten',
  path: ['a', '@'],
  node,
});

describe('countSubgraphFetches', () => {
  it('counts no fetch for an empty plan (only __typename)', () => {
    expect(countSubgraphFetches({ kind: 'QueryPlan' })).toBe(0);
  });

  it('counts every Fetch under Sequence, Parallel and Flatten', () => {
    const plan: Plan = {
      kind: 'QueryPlan',
      node: {
        kind: 'Sequence',
        nodes: [
          fetch('checkout'),
          {
            kind: 'Parallel',
            nodes: [
              flatten(fetch('enrollment')),
              flatten(fetch('analytics')),
              fetch('notification'),
            ],
          },
        ],
      },
    };
    expect(countSubgraphFetches(plan)).toBe(4);
  });

  it('counts the primary and every deferred part of a Defer', () => {
    const plan: Plan = {
      kind: 'QueryPlan',
      node: {
        kind: 'Defer',
        primary: { node: fetch('checkout') },
        deferred: [
          { depends: [], queryPath: [], node: flatten(fetch('enrollment')) },
          { depends: [], queryPath: [], node: flatten(fetch('analytics')) },
          { depends: [], queryPath: [] },
        ],
      },
    };
    expect(countSubgraphFetches(plan)).toBe(3);
  });

  it('counts the costlier branch of a Condition', () => {
    const plan: Plan = {
      kind: 'QueryPlan',
      node: {
        kind: 'Condition',
        condition: 'withSeats',
        ifClause: { kind: 'Parallel', nodes: [fetch('enrollment'), fetch('analytics')] },
        elseClause: fetch('checkout'),
      },
    };
    expect(countSubgraphFetches(plan)).toBe(2);
  });

  it("counts a Subscription's primary fetch and the rest", () => {
    const plan: Plan = {
      kind: 'QueryPlan',
      node: {
        kind: 'Subscription',
        primary: fetch('checkout'),
        rest: flatten(fetch('enrollment')),
      },
    };
    expect(countSubgraphFetches(plan)).toBe(2);
  });
});

describe('subgraphFetchBudget', () => {
  const planOf = (fetches: number) =>
    ({
      queryPlan: {
        kind: 'QueryPlan',
        node: { kind: 'Parallel', nodes: Array.from({ length: fetches }, () => fetch('checkout')) },
      },
    }) as unknown as Hook;

  it('lets a plan within the budget run', () => {
    expect(() => {
      subgraphFetchBudget(3)(planOf(3));
    }).not.toThrow();
  });

  it('refuses a plan over the budget with a 400 naming the limit', () => {
    expect(() => {
      subgraphFetchBudget(3)(planOf(4));
    }).toThrow(
      expect.objectContaining({
        message: 'Query plan needs 4 subgraph fetches, over the limit of 3.',
        extensions: expect.objectContaining({
          code: 'GRAPHQL_VALIDATION_FAILED',
          limit: 'MAX_SUBGRAPH_FETCHES',
          maximum: 3,
          actual: 4,
          http: { status: 400 },
        }) as unknown,
      }),
    );
  });
});
