import { parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { costVariables, QueryCostCache } from './query-cost.cache.js';

const CATALOG = parse(`
  query Catalog($id: ID!, $n: Int, $withSeats: Boolean!) {
    course(id: $id) { title }
    courses(first: $n) { nodes { title seats @include(if: $withSeats) { available } } }
  }
`);

const request = (variables: Record<string, unknown>) => ({
  queryHash: 'hash-of-catalog',
  document: CATALOG,
  operationName: 'Catalog',
  variables,
});

describe('the query cost cache', () => {
  it('keys a document by the variables in page sizes and directives only', () => {
    expect(costVariables(CATALOG)).toEqual(['n', 'withSeats']);
  });

  it('computes the cost of one query hash once for any id it reads', () => {
    const costs = new QueryCostCache(10);
    const compute = vi.fn(() => 42);
    for (const id of ['a', 'b', 'c'])
      expect(costs.costOf(request({ id, n: 10, withSeats: false }), compute)).toBe(42);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('costs the same hash again when a page size or a directive changes', () => {
    const costs = new QueryCostCache(10);
    const cheap = costs.costOf(request({ id: 'a', n: 1, withSeats: false }), () => 3);
    const bigPage = costs.costOf(request({ id: 'a', n: 50, withSeats: false }), () => 101);
    const withSeats = costs.costOf(request({ id: 'a', n: 1, withSeats: true }), () => 5);
    const omitted = costs.costOf(request({ id: 'a', withSeats: false }), () => 41);
    expect([cheap, bigPage, withSeats, omitted]).toEqual([3, 101, 5, 41]);
  });

  it('keeps operations of one document apart', () => {
    const costs = new QueryCostCache(10);
    costs.costOf({ ...request({}), operationName: 'A' }, () => 1);
    expect(costs.costOf({ ...request({}), operationName: 'B' }, () => 2)).toBe(2);
  });
});
