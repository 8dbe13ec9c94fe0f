import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

// Inputs per property: enough to reach the rare shapes, bounded for a busy 2-core machine.
const RUNS = 300;

let checkout: CheckoutTestApp;
const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
}, 120_000);
afterAll(async () => {
  await checkout.stop();
});

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', 'tok_visa', 'tok_declined'),
  fc.constantFrom(COURSES.messaging, COURSES.grpc, randomUUID()),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 0.5, -1, 0, 1, 50, 51),
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
// Text a database refuses, more often than chance would give it.
const oddText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
// Cursors of both kinds with odd fields: NULs, dates out of range, wrong types.
const hostileCursor = fc.oneof(
  hostileString,
  fc
    .oneof(
      fc.record({ after: fc.oneof(oddText, hostileValue) }),
      fc.record({
        at: fc.oneof(
          hostileValue,
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.constantFrom('-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z'),
        ),
        id: fc.oneof(fc.uuid(), hostileValue),
      }),
    )
    .map((json) => Buffer.from(JSON.stringify(json)).toString('base64url')),
);

const OPERATIONS = [
  'query Q($first: Int!, $after: String) { courses(first: $first, after: $after) { nodes { id } nextCursor } }',
  'query Q($first: Int!, $after: String) { myOrders(first: $first, after: $after) { nodes { id } nextCursor } }',
  'query Q($id: ID!) { course(id: $id) { id title } }',
  'query Q($id: ID!) { order(id: $id) { id status } }',
  'mutation Q($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }',
];

const operation = fc.record({
  query: fc.constantFrom(...OPERATIONS),
  variables: fc.record(
    {
      // Mostly a page size that passes, so the cursor is read at all.
      first: fc.oneof(
        { arbitrary: fc.integer({ min: 1, max: 50 }), weight: 3 },
        { arbitrary: hostileValue, weight: 1 },
      ),
      after: fc.oneof(
        { arbitrary: hostileCursor, weight: 3 },
        { arbitrary: hostileValue, weight: 1 },
      ),
      id: fc.oneof(fc.uuid(), hostileValue),
      input: fc.oneof(
        fc.record(
          {
            idempotencyKey: fc.oneof(fc.uuid(), hostileValue),
            courseIds: fc.oneof(fc.array(hostileString, { maxLength: 3 }), hostileValue),
            cardToken: hostileValue,
          },
          { requiredKeys: [] },
        ),
        hostileValue,
      ),
    },
    // Each variable present (a hostile value may still be null): absent ones only test GraphQL.
    { requiredKeys: ['first', 'after', 'id', 'input'] },
  ),
  signedIn: fc.boolean(),
});

describe('hostile input at checkout over GraphQL (the subgraph)', () => {
  it('answers any variables with data or client errors, never a 5xx or an INTERNAL_SERVER_ERROR', async () => {
    let inputs = 0;
    await fc.assert(
      fc.asyncProperty(operation, async ({ query, variables, signedIn }) => {
        inputs += 1;
        const res = await checkout.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: {
            'content-type': 'application/json',
            ...(signedIn ? { 'x-learner-id': learnerId } : {}),
          },
          payload: JSON.stringify({ query, variables }),
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
        const { errors = [] } = res.json<{ errors?: { extensions?: { code?: unknown } }[] }>();
        for (const error of errors) {
          expect(error.extensions?.code, res.body).not.toBe('INTERNAL_SERVER_ERROR');
        }
      }),
      { numRuns: RUNS },
    );
    console.info(`checkout (GraphQL subgraph): ${inputs} generated inputs`);
  }, 600_000);
});
