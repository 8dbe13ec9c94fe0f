import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ coursez(first: 1) { nodes { id } } }';

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
});
