import { randomUUID } from 'node:crypto';
import { recordSqlStatements } from '@shop/database/testing';
import { postGraphql } from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

// The N+1 rule, measured: a list of N parents costs the same statements as a list of 1.
let checkout: CheckoutTestApp;
const few = randomUUID(); // a learner with 1 order
const many = randomUUID(); // a learner with 6 orders, 2 courses each
const ordersOf = new Map<string, string[]>();

async function placeOrders(learnerId: string, count: number, courseIds: string[]) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await checkout.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: {
        'idempotency-key': randomUUID(),
        authorization: await checkout.authorization(learnerId),
      },
      payload: { courseIds },
    });
    ids.push(res.json<{ id: string }>().id);
  }
  ordersOf.set(learnerId, ids);
}

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
  await placeOrders(few, 1, [COURSES.messaging]);
  await placeOrders(many, 6, [COURSES.messaging, COURSES.grpc]);
}, 60_000);
afterAll(async () => {
  await checkout.stop();
});

/** The SQL statements one GraphQL request sends to checkout's database. */
async function statementsOf(
  query: string,
  learnerId: string,
  variables: Record<string, unknown> = {},
) {
  const recorder = recordSqlStatements('checkout');
  try {
    const answer = await postGraphql(checkout.app, query, { learnerId, variables });
    expect(answer.errors).toBeUndefined();
    return recorder.statements;
  } finally {
    recorder.stop();
  }
}

/** The table each statement reads, e.g. `orders` for `SELECT … FROM "public"."orders" …`. */
function tablesOf(statements: readonly string[]): string[] {
  return statements.map((sql) => /FROM "public"\."(\w+)"/.exec(sql)?.[1] ?? sql);
}

const MY_ORDERS = `{ myOrders(first: 50) {
  nodes { id lines { course { title } price { amountMinor } } payment { status } }
} }`;

describe('checkout subgraph: one query per loader, whatever the number of parents', () => {
  it('lists 6 orders (12 lines, 6 payments) with the same statements as 1 order, one for all courses', async () => {
    const one = await statementsOf(MY_ORDERS, few);
    const lookupsBefore = checkout.payments.lookupCalls.length;
    const six = await statementsOf(MY_ORDERS, many);
    const lookups = checkout.payments.lookupCalls.slice(lookupsBefore);

    expect(tablesOf(six)).toEqual([
      'orders', // the page (Prisma reads an include with one query per relation)
      'order_lines',
      'order_status_changes',
      'courses', // every line's course, one loader batch
    ]);
    expect(tablesOf(one)).toEqual(tablesOf(six));
    // GetPayment is unary: one call per distinct payment, all in the same tick.
    expect(lookups).toHaveLength(6);
    expect(new Set(lookups).size).toBe(6);
  });

  it('resolves 6 Order and 4 Course references for the gateway with as many statements as 1 of each', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Order { id } ... on Course { slug }
    } }`;
    const reps = (orderIds: string[], courseIds: string[]) => ({
      reps: [
        ...orderIds.map((id) => ({ __typename: 'Order', id })),
        ...courseIds.map((id) => ({ __typename: 'Course', id })),
      ],
    });

    const one = await statementsOf(
      query,
      many,
      reps(ordersOf.get(many)!.slice(0, 1), [COURSES.grpc]),
    );
    const all = await statementsOf(
      query,
      many,
      reps(ordersOf.get(many)!, [
        COURSES.messaging,
        COURSES.grpc,
        '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f03',
        '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04',
      ]),
    );

    // Both loaders' batches go out in the same tick, hence in no fixed order.
    expect(tablesOf(all).sort()).toEqual([
      'courses',
      'order_lines',
      'order_status_changes',
      'orders',
    ]);
    expect(tablesOf(one).sort()).toEqual(tablesOf(all).sort());
  });
});
