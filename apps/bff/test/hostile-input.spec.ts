import { assertOverInputs, hostileInput } from '@shop/contracts/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';
import { LEARNER_A } from './support/fake-subgraphs.js';

// Inputs per property: enough to reach the rare shapes, bounded for a busy 2-core machine.
const RUNS = 400;

const hostile = hostileInput({ knownStrings: [LEARNER_A, 'course-1'] });
const hostileString = fc.oneof(hostile.string, hostile.cursor);
const hostileValue = hostile.value;

const OPERATIONS = [
  'query Q($n: Int!, $a: String) { courses(first: $n, after: $a) { nodes { id title } } }',
  'query Q($id: ID!) { course(id: $id) { id title } }',
  'query Q($id: ID!) { order(id: $id) { id status } }',
  'query Q($n: Int!, $a: String) { myOrders(first: $n, after: $a) { nodes { id } } }',
  'query Q { courses { nodes { id } } } query R { myOrders { nodes { id } } }',
];

const graphqlBody = fc.record(
  {
    query: fc.oneof(fc.constantFrom(...OPERATIONS), hostileString, hostileValue),
    variables: fc.oneof(
      fc.record(
        { n: hostileValue, a: fc.oneof(hostile.cursor, hostileValue), id: hostileValue },
        { requiredKeys: [] },
      ),
      hostileValue,
    ),
    operationName: fc.oneof(fc.constantFrom('Q', 'R', 'Nope'), hostileValue),
    extensions: fc.oneof(
      hostileValue,
      fc.record({ persistedQuery: fc.record({ version: hostileValue, sha256Hash: hostileValue }) }),
    ),
  },
  { requiredKeys: [] },
);

// JSON texts that JSON.stringify never writes: numbers beyond a double, lone surrogates as escapes.
const rawBody = fc.oneof(
  graphqlBody.map((body) => JSON.stringify(body)),
  fc.constantFrom(
    '{"query":"query Q($n: Int!) { courses(first: $n) { nodes { id } } }","variables":{"n":1e400}}',
    '{"query":"query Q($a: String) { courses(first: 2, after: $a) { nodes { id } } }","variables":{"a":"\\ud800"}}',
    '{"query":"{ courses(first: 1e400) { nodes { id } } }"}',
    '{"query":"{ course(id: \\"\\u0000\\") { id } }"}',
    '{"query":"{ __typename }","operationName":"\\udfff"}',
  ),
  hostile.rawJson,
);

describe('hostile input at the gateway', () => {
  let bff: BffTestApp;
  let token: string;

  beforeAll(async () => {
    bff = await BffTestApp.start();
    token = await bff.tokenFor(LEARNER_A);
  });
  afterAll(async () => {
    await bff.close();
  });

  it('answers any request body with a client error or data, never a 5xx or an INTERNAL_SERVER_ERROR', async () => {
    await assertOverInputs(
      'gateway (POST /graphql)',
      fc.tuple(rawBody, fc.boolean()),
      async ([payload, signedIn]) => {
        const res = await bff.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: {
            'content-type': 'application/json',
            ...(signedIn ? { authorization: `Bearer ${token}` } : {}),
          },
          payload,
        });
        expect(res.statusCode).toBeLessThan(500);
        const body = res.json<{ errors?: { extensions?: { code?: unknown } }[] }>();
        for (const error of body.errors ?? []) {
          expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        }
      },
      RUNS,
    );
  }, 300_000);
});
