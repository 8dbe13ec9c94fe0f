import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';
import { LEARNER_A } from './support/fake-subgraphs.js';

describe('partial results', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  it('returns the other fields, and an error naming the subgraph, when one subgraph is down', async () => {
    await bff.subgraphs.notification.stop();
    const { status, body } = await bff.graphql({
      query: '{ order(id: "order-a") { status enrollments { enrolledAt } receipt { body } } }',
      token: await bff.tokenFor(LEARNER_A),
    });

    expect(status).toBe(200);
    expect(body.data).toEqual({
      order: {
        status: 'COMPLETED',
        enrollments: [{ enrolledAt: '2026-11-21T10:00:02.000Z' }],
        receipt: null,
      },
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^The notification subgraph is unavailable: fetch failed/,
        ) as unknown,
        extensions: expect.objectContaining({
          code: 'SUBGRAPH_UNAVAILABLE',
          serviceName: 'notification',
          correlationId: expect.any(String) as unknown,
        }) as unknown,
      }),
    ]);
  });
});
