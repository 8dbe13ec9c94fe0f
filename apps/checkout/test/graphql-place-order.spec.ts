import { randomUUID } from 'node:crypto';
import { problemType } from '@shop/platform';
import { postGraphql, type GraphqlAnswer } from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeKeyOf } from '../src/orders/payment-keys.js';
import {
  COURSES,
  outboxRowsOf,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
}, 60_000);
afterAll(async () => {
  await checkout.stop();
});

const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const otherLearner = '9d4e8f10-2b3c-4d5e-8f70-1a2b3c4d5e6f';

interface Placed {
  placeOrder: { id: string; learnerId: string; status: string; total: { amountMinor: number } };
}

const PLACE_ORDER = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id learnerId status total { amountMinor currency } }
}`;

function place(
  input: Record<string, unknown>,
  as: string | null = learnerId,
): Promise<GraphqlAnswer<Placed>> {
  return postGraphql<Placed>(checkout.app, PLACE_ORDER, {
    variables: { input: { courseIds: [COURSES.messaging], ...input } },
    ...(as === null ? {} : { learnerId: as }),
  });
}

const authorizeCallsOf = (key: string) =>
  checkout.payments.authorizeCalls.filter((c) => c.idempotencyKey === authorizeKeyOf(key));

describe('checkout subgraph: placeOrder', () => {
  it('places and pays through the same use case as REST: ENROLLING, one grant-seat command, for the caller', async () => {
    const key = randomUUID();
    const { data, errors } = await place({
      idempotencyKey: key,
      courseIds: [COURSES.messaging, COURSES.grpc],
    });

    expect(errors).toBeUndefined();
    const order = data!.placeOrder;
    expect(order).toMatchObject({ learnerId, status: 'ENROLLING', total: { amountMinor: 10800 } });
    expect(authorizeCallsOf(key)).toEqual([
      expect.objectContaining({ orderId: order.id, learnerId, cardToken: 'tok_visa' }),
    ]);
    const rows = await outboxRowsOf(checkout.db, order.id);
    expect(rows.map((row) => [row.exchange, row.routing_key])).toEqual([
      ['enrollment.commands', 'enrollment.grant-seat'],
    ]);
  });

  it('replays the first result for a retry with the same key and input, charging once', async () => {
    const key = randomUUID();
    const first = await place({ idempotencyKey: key });
    const retry = await place({ idempotencyKey: key });

    expect(retry.data).toEqual(first.data);
    expect(authorizeCallsOf(key)).toHaveLength(1);
  });

  it('answers IDEMPOTENCY_KEY_REUSED for the key with another input, another learner, or first used over REST', async () => {
    const key = randomUUID();
    await place({ idempotencyKey: key });
    const restKey = randomUUID();
    await checkout.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: {
        'idempotency-key': restKey,
        authorization: await checkout.authorization(learnerId),
      },
      payload: { courseIds: [COURSES.messaging] },
    });

    const answers = [
      await place({ idempotencyKey: key, courseIds: [COURSES.grpc] }),
      await place({ idempotencyKey: key }, otherLearner),
      await place({ idempotencyKey: restKey }),
    ];

    for (const { data, errors } of answers) {
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        type: problemType('idempotency-key-reused'),
      });
    }
  });

  it('places one order for 10 concurrent copies; the others get the result or IDEMPOTENCY_KEY_IN_FLIGHT', async () => {
    const key = randomUUID();
    checkout.payments.authorizeDelayMs = 150;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => place({ idempotencyKey: key })),
    ).finally(() => {
      checkout.payments.authorizeDelayMs = 0;
    });

    const placed = answers.filter((a) => a.data !== null);
    const inFlight = answers.filter((a) => a.data === null);
    expect(new Set(placed.map((a) => a.data?.placeOrder.id)).size).toBe(1);
    expect(inFlight.length).toBeGreaterThan(0);
    for (const { errors } of inFlight) {
      expect(errors?.[0]?.extensions).toMatchObject({
        code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
        type: problemType('idempotency-request-in-progress'),
        retryAfterMs: 1000,
      });
    }
    expect(authorizeCallsOf(key)).toHaveLength(1);
  });

  it('answers PAYMENT_DECLINED with REST’s problem, and replays that same error for the key', async () => {
    const key = randomUUID();
    const first = await place({ idempotencyKey: key, cardToken: 'tok_declined' });
    const retry = await place({ idempotencyKey: key, cardToken: 'tok_declined' });

    expect(first.data).toBeNull();
    expect(first.errors?.[0]).toMatchObject({
      path: ['placeOrder'],
      extensions: {
        code: 'PAYMENT_DECLINED',
        type: problemType('payment-declined'),
        declineReason: 'INSUFFICIENT_FUNDS',
        orderId: expect.any(String) as unknown,
      },
    });
    expect(retry.errors).toEqual(first.errors);
    expect(authorizeCallsOf(key)).toHaveLength(1);
  });

  it('answers PAYMENT_UNAVAILABLE with retryAfterMs without remembering it: the same key later pays the same order', async () => {
    const key = randomUUID();
    checkout.payments.authorizeDown = true;
    const down = await place({ idempotencyKey: key }).finally(() => {
      checkout.payments.authorizeDown = false;
    });
    const later = await place({ idempotencyKey: key });

    expect(down.errors?.[0]?.extensions).toMatchObject({
      code: 'PAYMENT_UNAVAILABLE',
      type: problemType('payment-unavailable'),
      retryAfterMs: 5000,
    });
    expect(later.data?.placeOrder.status).toBe('ENROLLING');
    expect(new Set(authorizeCallsOf(key).map((c) => c.orderId)).size).toBe(1);
  });

  it('needs a signed-in learner: UNAUTHENTICATED without x-learner-id, nothing placed', async () => {
    const key = randomUUID();
    const { data, errors } = await place({ idempotencyKey: key }, null);

    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      type: problemType('unauthenticated'),
    });
    expect(authorizeCallsOf(key)).toEqual([]);
  });

  it('answers BAD_USER_INPUT with REST’s problem types for a bad key, a bad input or an unknown course', async () => {
    const unknownCourse = '00000000-0000-4000-8000-000000000000';
    const answers = await Promise.all([
      place({ idempotencyKey: 'short' }),
      place({ idempotencyKey: randomUUID(), courseIds: [] }),
      place({ idempotencyKey: randomUUID(), courseIds: [unknownCourse] }),
    ]);

    expect(answers.map((a) => a.errors?.[0]?.extensions)).toEqual([
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        type: problemType('idempotency-key-invalid'),
      }),
      expect.objectContaining({ code: 'BAD_USER_INPUT', type: problemType('invalid-request') }),
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        type: problemType('unknown-course'),
        courseIds: [unknownCourse],
      }),
    ]);
  });
});
