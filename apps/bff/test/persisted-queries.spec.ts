import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

const QUERY = '{ courses(first: 3) { nodes { id title } } }';
const persisted = (query: string) => ({
  persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
});

describe('automatic persisted queries', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, registers it with the query, then serves the hash alone', async () => {
    const miss = await bff.graphql({ extensions: persisted(QUERY) });
    expect(miss.body.errors).toEqual([
      expect.objectContaining({
        message: 'PersistedQueryNotFound',
        extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) as unknown,
      }),
    ]);
    expect(bff.fetchCounts().checkout).toBe(0);

    const register = await bff.graphql({ query: QUERY, extensions: persisted(QUERY) });
    expect(register.body.errors).toBeUndefined();

    const hit = await bff.graphql({ extensions: persisted(QUERY) });
    expect(hit.body).toEqual(register.body);
  });

  it('refuses a query whose hash does not match it', async () => {
    const { status, body } = await bff.graphql({
      query: QUERY,
      extensions: persisted('{ __typename }'),
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('provided sha does not match query');
  });
});
