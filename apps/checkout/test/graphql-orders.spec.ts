import { randomUUID } from 'node:crypto';
import { problemType } from '@shop/platform';
import { postGraphql, type GraphqlAnswer } from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;
const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const otherLearner = '9d4e8f10-2b3c-4d5e-8f70-1a2b3c4d5e6f';
const placed: string[] = []; // learnerId's orders, oldest first

async function placeOrder(as: string, courseIds: string[], cardToken = 'tok_visa') {
  const res = await checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: { 'idempotency-key': randomUUID(), authorization: await checkout.authorization(as) },
    payload: { courseIds, cardToken },
  });
  // A declined order is answered as a 402 problem that names it.
  const body = res.json<{ id?: string; orderId?: string }>();
  return body.id ?? body.orderId ?? '';
}

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
  placed.push(await placeOrder(learnerId, [COURSES.messaging, COURSES.grpc]));
  placed.push(await placeOrder(learnerId, [COURSES.grpc], 'tok_declined'));
  placed.push(await placeOrder(learnerId, [COURSES.messaging]));
}, 60_000);
afterAll(async () => {
  await checkout.stop();
});

const ORDER = `query Order($id: ID!) {
  order(id: $id) {
    id learnerId status placedAt total { amountMinor currency }
    lines { course { slug } price { amountMinor } }
    history { from to reason at }
    payment { id status amount { amountMinor } }
  }
}`;

interface OrderAnswer {
  order: Record<string, unknown> | null;
}

interface MyOrders {
  myOrders: { nodes: { id: string }[]; nextCursor: string | null };
}

describe('checkout subgraph: orders', () => {
  it('shows the signed-in learner’s order with its lines’ courses, history and payment (from payment)', async () => {
    const { data, errors, headers } = await postGraphql<OrderAnswer>(checkout.app, ORDER, {
      variables: { id: placed[0] },
      learnerId,
    });

    expect(errors).toBeUndefined();
    const order = data!.order!;
    expect(order).toMatchObject({
      id: placed[0],
      learnerId,
      status: 'ENROLLING',
      total: { amountMinor: 10800, currency: 'EUR' },
      lines: [
        { course: { slug: 'async-messaging-101' }, price: { amountMinor: 4900 } },
        { course: { slug: 'grpc-in-practice' }, price: { amountMinor: 5900 } },
      ],
      payment: { status: 'AUTHORIZED', amount: { amountMinor: 10800 } },
    });
    const history = order.history as { from: string | null; to: string; at: string }[];
    expect(history.map((change) => [change.from, change.to])).toEqual([
      [null, 'PENDING_PAYMENT'],
      ['PENDING_PAYMENT', 'PAID'],
      ['PAID', 'ENROLLING'],
    ]);
    expect(order.placedAt).toBe(history[0]!.at);
    expect(headers['cache-control']).toBe('no-store');
  });

  it('answers null plus FORBIDDEN when a learner reads another learner’s order', async () => {
    const { data, errors } = await postGraphql<OrderAnswer>(checkout.app, ORDER, {
      variables: { id: placed[0] },
      learnerId: otherLearner,
    });

    expect(data).toEqual({ order: null });
    expect(errors).toEqual([
      expect.objectContaining({
        path: ['order'],
        extensions: expect.objectContaining({
          code: 'FORBIDDEN',
          type: problemType('forbidden'),
        }) as unknown,
      }),
    ]);
    expect(JSON.stringify(errors)).not.toContain(learnerId);
  });

  it('answers UNAUTHENTICATED for order reads without x-learner-id', async () => {
    const order = await postGraphql<OrderAnswer>(checkout.app, ORDER, {
      variables: { id: placed[0] },
    });
    const mine = await postGraphql(checkout.app, '{ myOrders { nodes { id } } }');

    expect(order.data).toEqual({ order: null });
    expect(mine.data).toBeNull(); // myOrders is non-null: the null reaches the root
    for (const { errors } of [order, mine]) {
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('answers null without an error for an order that does not exist', async () => {
    const { data, errors } = await postGraphql<OrderAnswer>(checkout.app, ORDER, {
      variables: { id: randomUUID() },
      learnerId,
    });

    expect([data, errors]).toEqual([{ order: null }, undefined]);
  });

  it('shows a declined order CANCELLED with the reason, and no payment (none was authorized)', async () => {
    const { data, errors } = await postGraphql<OrderAnswer>(checkout.app, ORDER, {
      variables: { id: placed[1] },
      learnerId,
    });

    expect(errors).toBeUndefined();
    expect(data?.order).toMatchObject({
      status: 'CANCELLED',
      payment: null,
      history: [
        expect.objectContaining({ to: 'PENDING_PAYMENT' }),
        expect.objectContaining({
          to: 'CANCELLED',
          reason: 'payment declined: INSUFFICIENT_FUNDS',
        }),
      ],
    });
  });

  it('keeps the order when payment cannot be asked: payment null plus PAYMENT_UNAVAILABLE (a partial result)', async () => {
    checkout.payments.lookupDown = true;
    const { data, errors } = await postGraphql<OrderAnswer>(checkout.app, ORDER, {
      variables: { id: placed[0] },
      learnerId,
    }).finally(() => {
      checkout.payments.lookupDown = false;
    });

    expect(data?.order).toMatchObject({ id: placed[0], status: 'ENROLLING', payment: null });
    expect(errors).toEqual([
      expect.objectContaining({
        path: ['order', 'payment'],
        extensions: expect.objectContaining({
          code: 'PAYMENT_UNAVAILABLE',
          type: problemType('payment-unavailable'),
          retryAfterMs: 5000,
        }) as unknown,
      }),
    ]);
  });

  it('lists only the learner’s own orders, newest first, a page at a time', async () => {
    await placeOrder(otherLearner, [COURSES.messaging]);
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const answer: GraphqlAnswer<MyOrders> = await postGraphql<MyOrders>(
        checkout.app,
        'query Mine($after: String) { myOrders(first: 2, after: $after) { nodes { id } nextCursor } }',
        { variables: { after }, learnerId },
      );
      expect(answer.errors).toBeUndefined();
      ids.push(...answer.data!.myOrders.nodes.map((order) => order.id));
      after = answer.data!.myOrders.nextCursor;
      pages += 1;
    } while (after !== null);

    expect(ids).toEqual([...placed].reverse());
    expect(pages).toBe(2);
  });

  it('refuses a page over 50 and a cursor it did not issue', async () => {
    const big = await postGraphql(checkout.app, '{ myOrders(first: 51) { nodes { id } } }', {
      learnerId,
    });
    const bad = await postGraphql(checkout.app, '{ myOrders(after: "bogus") { nodes { id } } }', {
      learnerId,
    });

    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      type: problemType('invalid-cursor'),
    });
  });

  it('resolves Order entities for the gateway only for their owner', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id status } } }`;
    const variables = { reps: [{ __typename: 'Order', id: placed[2] }] };
    const owner = await postGraphql(checkout.app, query, { variables, learnerId });
    const stranger = await postGraphql(checkout.app, query, { variables, learnerId: otherLearner });

    expect(owner.data).toEqual({ _entities: [{ id: placed[2], status: 'ENROLLING' }] });
    expect(stranger.data).toEqual({ _entities: [null] });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
