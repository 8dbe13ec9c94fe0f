import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

/** A 400 whose only error has this message and (at least) these extensions. */
function expectRefused(
  response: { status: number; body: { errors?: unknown } },
  message: string,
  extensions: Record<string, unknown>,
): void {
  expect(response.status).toBe(400);
  expect(response.body.errors).toEqual([
    expect.objectContaining({
      message,
      extensions: expect.objectContaining(extensions) as unknown,
    }),
  ]);
}

describe('query depth and cost limits', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start({ MAX_QUERY_DEPTH: '4', MAX_QUERY_COST: '100' });
  });
  afterAll(async () => {
    await bff.close();
  });

  it('refuses a query nested deeper than MAX_QUERY_DEPTH before calling any subgraph', async () => {
    const { status, body } = await bff.graphql({
      query: '{ myOrders { nodes { lines { course { title } } } } }',
    });
    expectRefused({ status, body }, 'Query depth limit of 4 exceeded, found 5.', {
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'MAX_QUERY_DEPTH',
      maximum: 4,
    });
    expect(bff.fetchCounts().checkout).toBe(0);
  });

  it('counts a fragment as the selections it stands for', async () => {
    const { status } = await bff.graphql({
      query: `{ myOrders { ...Deep } }
        fragment Deep on OrderConnection { nodes { lines { course { title } } } }`,
    });
    expect(status).toBe(400);
  });

  it('refuses a query whose page size makes it cost more than MAX_QUERY_COST', async () => {
    // 1 (courses) + 50 × (1 nodes + 1 title) = 101
    const { status, body } = await bff.graphql({
      query: 'query Catalog($n: Int!) { courses(first: $n) { nodes { title } } }',
      variables: { n: 50 },
    });
    expectRefused({ status, body }, 'Query cost 101 exceeds the limit of 100.', {
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'MAX_QUERY_COST',
      maximum: 100,
      actual: 101,
    });
    expect(bff.fetchCounts().checkout).toBe(0);
  });

  it('refuses an over-cost page size after a cheap one of the same query (costs are cached per page size)', async () => {
    const query = 'query Catalog($n: Int!) { courses(first: $n) { nodes { title } } }';
    const cheap = await bff.graphql({ query, variables: { n: 10 } });
    expect(cheap.status).toBe(200);
    const { status, body } = await bff.graphql({ query, variables: { n: 50 } });
    expectRefused({ status, body }, 'Query cost 101 exceeds the limit of 100.', {
      limit: 'MAX_QUERY_COST',
      actual: 101,
    });
  });

  it("prices an omitted page size at the argument's default (courses: 20)", async () => {
    // 1 + 20 × (1 nodes + 1 title + 2 seats + 2 stats) = 121
    const { body } = await bff.graphql({
      query: '{ courses { nodes { title seats { available } stats { conversions } } } }',
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ actual: 121 });
  });

  it('serves a query within both limits', async () => {
    const { status, body } = await bff.graphql({
      query: '{ courses(first: 10) { nodes { title } } }',
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ courses: { nodes: expect.any(Array) as unknown } });
  });

  it.each([-1000, 0, 51])(
    'refuses first: %i before costing, so a page size cannot offset the cost of another field',
    async (first) => {
      // Costed as given, the first alias would subtract what the second adds
      // (1 + 50 × 2 = 101 > 100), and the whole query would run.
      const fetchesBefore = bff.fetchCounts().checkout;
      const { status, body } = await bff.graphql({
        query: `query Offset($n: Int!) {
          a: courses(first: $n) { nodes { title } }
          b: courses(first: 50) { nodes { title } }
        }`,
        variables: { n: first },
      });
      expectRefused({ status, body }, 'first: must be between 1 and 50 (courses).', {
        code: 'BAD_USER_INPUT',
        argument: 'first',
        minimum: 1,
        maximum: 50,
      });
      expect(bff.fetchCounts().checkout).toBe(fetchesBefore);
    },
  );
});
