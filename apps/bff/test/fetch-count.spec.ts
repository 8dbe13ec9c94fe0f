import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';
import { LEARNER_A } from './support/fake-subgraphs.js';

describe('fan-out of a list query', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  it.each([3, 30])(
    'costs one fetch per subgraph whatever the page size (%i courses)',
    async (first) => {
      const before = bff.fetchCounts();
      const { body } = await bff.graphql({
        query: `query Catalog($first: Int!) {
          courses(first: $first) { nodes { title seats { available } stats { conversions } } }
        }`,
        variables: { first },
      });
      expect((body.data?.courses as { nodes: unknown[] }).nodes).toHaveLength(first);
      // Plan: checkout (the page), then enrollment and analytics in parallel,
      // each with every course of the page as one batch of representations.
      const after = bff.fetchCounts();
      expect({
        checkout: after.checkout - before.checkout,
        enrollment: after.enrollment - before.enrollment,
        analytics: after.analytics - before.analytics,
      }).toEqual({ checkout: 1, enrollment: 1, analytics: 1 });
    },
  );

  it('costs one fetch per subgraph per plan step for orders extended by three subgraphs', async () => {
    const before = bff.fetchCounts();
    const { body } = await bff.graphql({
      query: `{ myOrders { nodes {
        status receipt { body } enrollments { enrolledAt }
        lines { course { title seats { available } } }
      } } }`,
      token: await bff.tokenFor(LEARNER_A),
    });
    expect(body.errors).toBeUndefined();
    // Step 1: checkout (orders, their lines' course titles). Step 2, in
    // parallel: notification (receipts), enrollment (enrollments of every
    // order, and seats of every course — two entity paths, two fetches).
    const after = bff.fetchCounts();
    expect({
      checkout: after.checkout - before.checkout,
      enrollment: after.enrollment - before.enrollment,
      notification: after.notification - before.notification,
      analytics: after.analytics - before.analytics,
    }).toEqual({ checkout: 1, enrollment: 2, notification: 1, analytics: 0 });
  });
});
