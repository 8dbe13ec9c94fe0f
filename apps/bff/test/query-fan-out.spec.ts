import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';
import { LEARNER_A } from './support/fake-subgraphs.js';

// The finding of issue 13: hundreds of aliases of an entity field cost little
// (3 each, far within MAX_QUERY_COST) but plan into one subgraph fetch per alias.
const aliasedSeats = (aliases: number) =>
  `{ ${Array.from(
    { length: aliases },
    (_, i) => `c${i}: course(id: "course-1") { seats { available } }`,
  ).join(' ')} }`;

function fetchesSince(bff: BffTestApp, before: Record<string, number>): number {
  return Object.entries(bff.fetchCounts()).reduce(
    (sum, [name, count]) => sum + count - (before[name] ?? 0),
    0,
  );
}

describe('query-plan fan-out', () => {
  describe('with the default limits', () => {
    let bff: BffTestApp;

    beforeAll(async () => {
      bff = await BffTestApp.start();
    });
    afterAll(async () => {
      await bff.close();
    });

    it('refuses 300 aliases of an entity field (cost 900) before planning, calling no subgraph', async () => {
      const before = bff.fetchCounts();
      const { status, body } = await bff.graphql({ query: aliasedSeats(300) });
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'Aliases limit of 15 exceeded, found 300.',
          extensions: expect.objectContaining({
            code: 'GRAPHQL_VALIDATION_FAILED',
            limit: 'MAX_QUERY_ALIASES',
            maximum: 15,
          }) as unknown,
        }),
      ]);
      expect(fetchesSince(bff, before)).toBe(0);
    });

    it('counts the aliases a fragment holds once per spread', async () => {
      const { status, body } = await bff.graphql({
        query: `{ a: course(id: "course-1") { ...Seats } b: course(id: "course-2") { ...Seats } }
          fragment Seats on Course { s1: seats { available } s2: seats { taken } s3: seats { capacity }
            s4: seats { available } s5: seats { taken } s6: seats { capacity } s7: seats { available } }`,
      });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.message).toBe('Aliases limit of 15 exceeded, found 16.');
    });

    it('refuses, before any fetch, a plan over MAX_SUBGRAPH_FETCHES that the alias limit lets through', async () => {
      // 12 aliases: checkout once, then enrollment and analytics once per alias = 25 fetches.
      const query = `{ ${Array.from(
        { length: 12 },
        (_, i) =>
          `c${i}: course(id: "course-${i + 1}") { seats { available } stats { conversions } }`,
      ).join(' ')} }`;
      for (const attempt of ['planned', 'from the plan cache']) {
        const before = bff.fetchCounts();
        const { status, body } = await bff.graphql({ query });
        expect(status, attempt).toBe(400);
        expect(body.errors).toEqual([
          expect.objectContaining({
            message: 'Query plan needs 25 subgraph fetches, over the limit of 10.',
            extensions: expect.objectContaining({
              code: 'GRAPHQL_VALIDATION_FAILED',
              limit: 'MAX_SUBGRAPH_FETCHES',
              maximum: 10,
              actual: 25,
            }) as unknown,
          }),
        ]);
        expect(fetchesSince(bff, before), attempt).toBe(0);
      }
    });

    it("serves a query with a few aliases, and the README's with four fetches", async () => {
      const aliased = await bff.graphql({
        query: `{ a: course(id: "course-1") { title seats { available } }
          b: course(id: "course-2") { title seats { available } } }`,
      });
      expect(aliased.status).toBe(200);
      expect(aliased.body.errors).toBeUndefined();
      expect(aliased.body.data).toMatchObject({
        a: { title: expect.any(String) as unknown },
        b: { seats: expect.any(Object) as unknown },
      });

      // The README's query: checkout, enrollment and notification, checkout again for the titles.
      const before = bff.fetchCounts();
      const orders = await bff.graphql({
        query: `{ myOrders { nodes { id status total { minorUnits currency } payment { status }
          enrollments { course { title } } receipt { sentAt } } } }`,
        token: await bff.tokenFor(LEARNER_A),
      });
      expect(fetchesSince(bff, before)).toBe(4);
      expect(orders.status).toBe(200);
      expect(orders.body.errors).toBeUndefined();
    });
  });

  describe('with both limits out of the way (what main did)', () => {
    let bff: BffTestApp;

    beforeAll(async () => {
      // The subgraph deadline raised too: on a loaded machine some of 301
      // fetches outlast 2 s, and a fetch cut short may never reach the stand-in.
      bff = await BffTestApp.start({
        MAX_QUERY_ALIASES: '1000',
        MAX_SUBGRAPH_FETCHES: '1000',
        SUBGRAPH_TIMEOUT_MS: '60000',
      });
    });
    afterAll(async () => {
      await bff.close();
    });

    it('plans 300 aliases into 301 subgraph fetches', async () => {
      const before = bff.fetchCounts();
      const { status } = await bff.graphql({ query: aliasedSeats(300) });
      expect(status).toBe(200);
      expect(fetchesSince(bff, before)).toBe(301);
    });
  });
});
