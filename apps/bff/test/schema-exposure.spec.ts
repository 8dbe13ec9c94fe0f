import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ coursez(first: 1) { nodes { id } } }';
// Planned into two fetches, checkout's then enrollment's; needs no token.
const TWO_SUBGRAPHS = '{ courses(first: 2) { nodes { id seats { available } } } }';
const ASK_FOR_THE_PLAN = 'apollo-query-plan-experimental';
const PLAN_FORMAT = 'apollo-query-plan-experimental-format';

describe('schema exposure with GRAPHQL_INTROSPECTION and GRAPHQL_FIELD_SUGGESTIONS off', () => {
  let bff: BffTestApp;
  beforeAll(async () => {
    bff = await BffTestApp.start({
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_FIELD_SUGGESTIONS: 'false',
    });
  });
  afterAll(async () => {
    await bff.close();
  });

  it('refuses introspection', async () => {
    const { body } = await bff.graphql({ query: INTROSPECTION });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('names no similar field in a validation error', async () => {
    const { body } = await bff.graphql({ query: TYPO });
    expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('query plans on a production configuration', () => {
  let bff: BffTestApp;
  beforeAll(async () => {
    bff = await BffTestApp.startAsProduction();
  });
  afterAll(async () => {
    await bff.close();
  });

  it.each(['prettified', 'internal'])(
    'answers a query sent with Apollo-Query-Plan-Experimental (format %s) without its query plan',
    async (format) => {
      const enrollmentFetches = bff.fetchCounts().enrollment;
      const { status, body } = await bff.graphql({
        query: TWO_SUBGRAPHS,
        // no-cache: planned and executed now, not answered from the response cache.
        headers: { [ASK_FOR_THE_PLAN]: 'true', [PLAN_FORMAT]: format, 'cache-control': 'no-cache' },
      });
      expect(bff.fetchCounts().enrollment).toBe(enrollmentFetches + 1);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        courses: {
          nodes: [
            { id: 'course-1', seats: { available: 6 } },
            { id: 'course-2', seats: { available: 6 } },
          ],
        },
      });
      expect(body.extensions?.__queryPlanExperimental).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(/QueryPlan|Fetch|enrollment/);
    },
  );
});

describe('schema exposure on the development defaults', () => {
  let bff: BffTestApp;
  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  it('answers introspection and suggests the field meant', async () => {
    const introspection = await bff.graphql({ query: INTROSPECTION });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await bff.graphql({ query: TYPO });
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean .*"courses"/);
  });

  it('shows the query plan to a request that asks for it', async () => {
    const { body } = await bff.graphql({
      query: TWO_SUBGRAPHS,
      headers: { [ASK_FOR_THE_PLAN]: 'true', 'cache-control': 'no-cache' },
    });
    expect(body.extensions?.__queryPlanExperimental).toMatch(/Fetch\(service: "enrollment"\)/);
  });
});
