import { parseExposition, valueOf } from '@shop/metrics/testing';
import { DEVELOPMENT_METRICS_TOKEN } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

describe("bff's GraphQL operation metrics, read from its /metrics", () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  async function operations(labels: Record<string, string>): Promise<number> {
    const res = await bff.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${DEVELOPMENT_METRICS_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    return valueOf(parseExposition(res.body), 'shop_graphql_operation_duration_count', labels);
  }

  it('counts an operation under its type, root field and outcome', async () => {
    const ok = {
      graphql_operation_type: 'query',
      shop_graphql_root_field: 'course',
      shop_graphql_outcome: 'ok',
    };
    const before = await operations(ok);
    const { status } = await bff.graphql({
      query: '{ course(id: "course-2") { title } }',
    });
    expect(status).toBe(200);
    expect(await operations(ok)).toBe(before + 1);
  });

  it('counts a refused operation under its error code, and never under a name the client chose', async () => {
    const invalid = {
      shop_graphql_root_field: 'none',
      shop_graphql_outcome: 'GRAPHQL_VALIDATION_FAILED',
    };
    const before = await operations(invalid);
    const names = Array.from({ length: 20 }, (_, i) => `ClientChosenName${i}`);
    for (const name of names) {
      await bff.graphql({ query: `query ${name} { noSuchField }`, operationName: name });
    }
    expect(await operations(invalid)).toBe(before + 20);
    const res = await bff.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${DEVELOPMENT_METRICS_TOKEN}` },
    });
    for (const name of names) expect(res.body).not.toContain(name);
  });

  it('names a query of several root fields "multiple", not their combination', async () => {
    const multiple = { shop_graphql_root_field: 'multiple', shop_graphql_outcome: 'ok' };
    const before = await operations(multiple);
    await bff.graphql({
      query: '{ a: course(id: "course-2") { title } b: course(id: "course-3") { title } }',
    });
    expect(await operations(multiple)).toBe(before + 1);
  });
});
