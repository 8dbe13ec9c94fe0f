import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';
import { LEARNER_A, LEARNER_B } from './support/fake-subgraphs.js';

describe('response cache', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  it('serves a second catalog query from the cache, without a subgraph fetch', async () => {
    const query = '{ courses(first: 5) { nodes { id slug title } } }';
    const first = await bff.graphql({ query });
    const before = bff.fetchCounts();
    const second = await bff.graphql({ query });
    expect(bff.fetchCounts()).toEqual(before);
    expect(second.body).toEqual(first.body);
    // checkout's hint (courses: max-age 60, public) reaches the client too.
    expect(first.headers['cache-control']).toBe('max-age=60, public');
    expect(second.headers.age).toEqual(expect.any(String));
  });

  it('asks the subgraph again for a request sent with Cache-Control: no-cache', async () => {
    const query = '{ course(id: "course-2") { title } }';
    await bff.graphql({ query });
    const before = bff.fetchCounts().checkout;
    const fresh = await bff.graphql({ query, headers: { 'cache-control': 'no-cache' } });
    expect(fresh.body.errors).toBeUndefined();
    expect(bff.fetchCounts().checkout).toBe(before + 1);
  });

  it('shares one cached catalog among all signed-in learners', async () => {
    const query = '{ course(id: "course-3") { title } }';
    await bff.graphql({ query, token: await bff.tokenFor(LEARNER_A) });
    const before = bff.fetchCounts().checkout;
    await bff.graphql({ query, token: await bff.tokenFor(LEARNER_B) });
    expect(bff.fetchCounts().checkout).toBe(before);
  });

  // A response is as cacheable as its least cacheable part: `Money` inherits
  // its parent's max-age, and enrollment's Course entity carries seats' 5 s.
  it.each([
    [
      'price (Money inherits 60 s)',
      '{ course(id: "course-4") { title price { amountMinor } } }',
      60,
    ],
    ['seats (5 s from enrollment)', '{ course(id: "course-5") { title seats { available } } }', 5],
  ])('caches a catalog query with %s for its least max-age', async (_case, query, maxAge) => {
    const first = await bff.graphql({ query });
    const before = bff.fetchCounts();
    await bff.graphql({ query });
    expect(first.headers['cache-control']).toBe(`max-age=${maxAge}, public`);
    expect(bff.fetchCounts()).toEqual(before);
  });

  it('never caches an order: each read reaches checkout, and another learner gets nothing of it', async () => {
    const query = '{ order(id: "order-a") { id learnerId total { amountMinor } } }';
    const [tokenA, tokenB] = await Promise.all([bff.tokenFor(LEARNER_A), bff.tokenFor(LEARNER_B)]);
    const before = bff.fetchCounts().checkout;

    const own = await bff.graphql({ query, token: tokenA });
    const again = await bff.graphql({ query, token: tokenA });
    const other = await bff.graphql({ query, token: tokenB });

    expect(bff.fetchCounts().checkout).toBe(before + 3);
    expect(own.body.data).toEqual({
      order: { id: 'order-a', learnerId: LEARNER_A, total: { amountMinor: 3_000 } },
    });
    expect(again.body).toEqual(own.body);
    expect(own.headers['cache-control']).toBe('no-store');
    expect(other.body.data).toEqual({ order: null });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
