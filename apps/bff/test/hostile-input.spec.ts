import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';
import { LEARNER_A } from './support/fake-subgraphs.js';

// Inputs per property: enough to reach the rare shapes, bounded for a busy 2-core machine.
const RUNS = 400;

// Strings a database or a parser chokes on, next to arbitrary ones.
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '-271821-04-20T00:00:00.000Z'),
  // Cursors: base64url JSON with a NUL, a date out of range, nothing.
  fc
    .constantFrom({ after: '\u0000' }, { at: '-271821-04-20T00:00:00.000Z', id: LEARNER_A }, {})
    .map((json) => Buffer.from(JSON.stringify(json)).toString('base64url')),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, 0.5, -1, 0),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
}));

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
      fc.record({ n: hostileValue, a: hostileValue, id: hostileValue }, { requiredKeys: [] }),
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
  fc.string({ unit: 'binary', maxLength: 60 }),
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
    let inputs = 0;
    await fc.assert(
      fc.asyncProperty(rawBody, fc.boolean(), async (payload, signedIn) => {
        inputs += 1;
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
      }),
      { numRuns: RUNS },
    );
    console.info(`gateway (POST /graphql): ${inputs} generated inputs`);
  }, 300_000);
});
