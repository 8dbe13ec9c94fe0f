import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A 400 whose only error carries this `extensions.code`, and no subgraph called. */
async function expectClientError(
  bff: BffTestApp,
  request: Parameters<BffTestApp['graphql']>[0],
  code: string,
): Promise<void> {
  const fetchesBefore = bff.fetchCounts();
  const { status, body } = await bff.graphql(request);
  expect({ status, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({
    status: 400,
    codes: [code],
  });
  expect(bff.fetchCounts()).toEqual(fetchesBefore);
}

describe('client errors at the gateway', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  it.each([
    [
      'a string for an Int!',
      'query Q($n: Int!) { courses(first: $n) { nodes { id } } }',
      { n: 'abc' },
    ],
    [
      'a number for a String',
      'query Q($a: String) { courses(first: 2, after: $a) { nodes { id } } }',
      { a: 5 },
    ],
    ['null for an Int!', 'query Q($n: Int!) { courses(first: $n) { nodes { id } } }', { n: null }],
    [
      'an Int beyond 32 bits',
      'query Q($n: Int!) { courses(first: $n) { nodes { id } } }',
      { n: 2 ** 31 },
    ],
    ['an object for an ID!', 'query Q($id: ID!) { course(id: $id) { id } }', { id: { a: 1 } }],
    ['a list for an ID!', 'query Q($id: ID!) { course(id: $id) { id } }', { id: ['x'] }],
  ])('answers %s in the variables with 400 BAD_USER_INPUT', async (_case, query, variables) => {
    await expectClientError(bff, { query, variables }, 'BAD_USER_INPUT');
  });

  it('answers an operationName the document does not hold with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    await expectClientError(
      bff,
      { query: 'query Q { courses(first: 2) { nodes { id } } }', operationName: 'Nope' },
      'OPERATION_RESOLUTION_FAILURE',
    );
  });

  it('answers several operations without an operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    await expectClientError(
      bff,
      { query: 'query Q { __typename } query R { __typename }' },
      'OPERATION_RESOLUTION_FAILURE',
    );
  });

  it('answers several operations with a null operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const { body } = await bff.graphql({
      query: 'query Q { __typename } query R { __typename }',
      operationName: null,
    });
    expect(body.errors?.[0]?.message).toBe(
      'Must provide operationName when the document holds several operations.',
    );
  });

  it('answers a persisted query whose hash does not match it with 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    await expectClientError(
      bff,
      {
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
      },
      'PERSISTED_QUERY_HASH_MISMATCH',
    );
  });

  it.each([2, 'x', null])(
    'answers a persisted query of version %j with 400 BAD_REQUEST',
    async (version) => {
      await expectClientError(
        bff,
        { extensions: { persistedQuery: { version, sha256Hash: sha256('{ __typename }') } } },
        'BAD_REQUEST',
      );
    },
  );
});
