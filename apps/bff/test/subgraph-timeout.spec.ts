import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

describe('subgraph fetch deadline', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    // Generous enough that the prompt subgraph answers in time on a loaded
    // machine; the slow one takes three times as long.
    bff = await BffTestApp.start({ SUBGRAPH_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await bff.close();
  });

  it("answers without a slow subgraph's fields once its fetch passes SUBGRAPH_TIMEOUT_MS", async () => {
    const query = 'query ($id: ID!) { course(id: $id) { title stats { conversions } } }';
    // Warm (plan cached, connections open) with another course: the response
    // cache would answer a second read of the same one without any fetch.
    await bff.graphql({ query, variables: { id: 'course-2' } });
    bff.subgraphs.analytics.delayMs = 6_000;
    // Had the gateway waited the 6 s, `stats` would be there: its absence and
    // the error prove the deadline cut the fetch, without timing the answer.
    const { status, body } = await bff.graphql({ query, variables: { id: 'course-1' } });

    expect(status).toBe(200);
    expect(body.data).toEqual({ course: { title: 'Course 1', stats: null } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'The analytics subgraph did not answer within 2000 ms.',
        extensions: expect.objectContaining({
          code: 'SUBGRAPH_TIMEOUT',
          serviceName: 'analytics',
        }) as unknown,
      }),
    ]);
  });
});
