import { randomUUID } from 'node:crypto';
import { assertOverInputs, hostileInput } from '@shop/contracts/testing';
import {
  assertSubgraphAnswersHostileOperations,
  hostileOperations,
  postGraphql,
} from '@shop/subgraph/testing';
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

const hostile = hostileInput({
  knownStrings: ['tok_visa', 'tok_declined', COURSES.messaging, COURSES.grpc, randomUUID()],
});
const { string: hostileString, value: hostileValue, cursor: hostileCursor } = hostile;

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
    // Called as the gateway calls it (its signed token), so the input reaches the resolvers.
    let executed = 0;
    await assertOverInputs(
      'checkout (GraphQL subgraph)',
      operation,
      async ({ query, variables, signedIn }) => {
        const answer = await postGraphql(checkout.app, query, {
          variables,
          learnerId: signedIn ? learnerId : undefined,
        });
        const body = JSON.stringify(answer.errors);
        expect(answer.status, body).toBeLessThan(500);
        for (const error of answer.errors ?? []) {
          expect(error.extensions.code, body).not.toBe('INTERNAL_SERVER_ERROR');
          expect(error.message, body).not.toMatch(/^Only the gateway may call/);
        }
        if (answer.data != null) executed += 1;
      },
      RUNS,
    );
    console.info(`checkout (GraphQL subgraph): ${executed} operations executed`);
    expect(executed).toBeGreaterThan(0);
  }, 600_000);

  it('answers any entity representations (what the gateway sends) with data or client errors', async () => {
    const operations = hostileOperations({
      entities: [
        { typename: 'Course', selection: 'slug title price { minorUnits currency }' },
        { typename: 'Order', selection: 'status total { minorUnits }' },
      ],
      knownIds: [COURSES.messaging, COURSES.grpc],
      learnerIds: [learnerId],
    });
    await assertSubgraphAnswersHostileOperations(
      checkout.app,
      'checkout (GraphQL subgraph, _entities)',
      operations,
      RUNS,
    );
  }, 600_000);
});
