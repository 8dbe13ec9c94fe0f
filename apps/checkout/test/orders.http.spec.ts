import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderViewSchema } from '../src/orders/order.view.js';
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
const body = (extra: Record<string, unknown> = {}) => ({
  courseIds: [COURSES.messaging, COURSES.grpc],
  ...extra,
});

async function post(
  key: string | undefined,
  payload: unknown,
  headers: Record<string, string> = {},
  as = learnerId,
) {
  return checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      authorization: await checkout.authorization(as),
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...headers,
    },
    payload: payload as Record<string, unknown>,
  });
}

async function get(url: string) {
  return checkout.app.inject({
    method: 'GET',
    url,
    headers: { authorization: await checkout.authorization(learnerId) },
  });
}

describe('POST /v1/orders', () => {
  it('pays, answers 201 with the order ENROLLING and its link, and leaves one grant-seat command in the outbox', async () => {
    const key = randomUUID();
    const res = await post(key, body(), { 'x-correlation-id': 'corr-happy' });

    expect(res.statusCode).toBe(201);
    const order = res.json<{ id: string; status: string; links: { self: string } }>();
    expect(res.headers.location).toBe(`/v1/orders/${order.id}`);
    expect(orderViewSchema.safeParse(order).error).toBeUndefined(); // the documented shape
    expect(order).toMatchObject({
      status: 'ENROLLING',
      learnerId,
      total: { amountMinor: 4900 + 5900, currency: 'EUR' },
      links: { self: `/v1/orders/${order.id}` },
    });
    expect(checkout.payments.authorizeCalls.at(-1)).toMatchObject({
      orderId: order.id,
      idempotencyKey: authorizeKeyOf(key),
      amount: { amountMinor: 10800, currency: 'EUR' },
    });
    const rows = await outboxRowsOf(checkout.db, order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      destination: 'AMQP',
      topic: null,
      exchange: 'enrollment.commands',
      routing_key: 'enrollment.grant-seat',
      message_key: null,
      payload: {
        id: key,
        type: 'com.shop.enrollment.grant-seat.v1',
        subject: order.id,
        correlationid: 'corr-happy',
        data: {
          commandId: key,
          orderId: order.id,
          learnerId,
          courseIds: [COURSES.messaging, COURSES.grpc],
        },
      },
    });
  });

  it('cancels the order with the reason and answers 402 payment-declined when the card is declined, with nothing else done', async () => {
    const key = randomUUID();
    const res = await post(key, body({ cardToken: 'tok_declined' }));

    expect(res.statusCode).toBe(402);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<{ orderId: string }>();
    expect(problem).toMatchObject({
      type: 'https://course-shop.example/problems/payment-declined',
      status: 402,
      declineReason: 'INSUFFICIENT_FUNDS',
    });
    const order = await get(`/v1/orders/${problem.orderId}`);
    expect(order.json()).toMatchObject({
      status: 'CANCELLED',
      paymentId: null,
      history: [
        { from: null, to: 'PENDING_PAYMENT' },
        {
          from: 'PENDING_PAYMENT',
          to: 'CANCELLED',
          reason: 'payment declined: INSUFFICIENT_FUNDS',
        },
      ],
    });
    expect(await outboxRowsOf(checkout.db, problem.orderId)).toEqual([]);

    const replay = await post(key, body({ cardToken: 'tok_declined' }));
    expect(replay.statusCode).toBe(402);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(res.body);
  });

  it('answers 503 payment-unavailable with Retry-After at once, and a retry with the same key pays the same order', async () => {
    const key = randomUUID();
    checkout.payments.authorizeDown = true;
    const callsBefore = checkout.payments.authorizeCalls.length;
    const res = await post(key, body());
    checkout.payments.authorizeDown = false;

    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({
      type: 'https://course-shop.example/problems/payment-unavailable',
    });
    // At once: one Authorize, answered 503 — no retry loop or wait inside the request.
    expect(checkout.payments.authorizeCalls.length - callsBefore).toBe(1);

    const retry = await post(key, body());
    expect(retry.statusCode).toBe(201);
    const calls = checkout.payments.authorizeCalls.filter(
      (c) => c.idempotencyKey === authorizeKeyOf(key),
    );
    expect(calls).toHaveLength(2);
    expect(calls[1]?.orderId).toBe(calls[0]?.orderId);
    expect(retry.json()).toMatchObject({ id: calls[0]?.orderId, status: 'ENROLLING' });
  });

  // ADR 0040: no commit of its own for the key. xmin is the transaction that
  // last wrote a row: the key's stored response and the order's last status
  // share it when they commit together.
  it.each([
    ['201, ENROLLING', 'tok_visa', 201],
    ['402, CANCELLED', 'tok_declined', 402],
  ])(
    'stores the %s answer in the commit of the order’s status change, and replays those bytes',
    async (_case, cardToken, status) => {
      const key = randomUUID();
      const res = await post(key, body({ cardToken }));
      expect(res.statusCode).toBe(status);

      const { rows } = await checkout.db.query<{ key_tx: string; order_tx: string; body: string }>(
        `SELECT k.xmin::text AS key_tx, o.xmin::text AS order_tx, k.response_body AS body
           FROM idempotency_keys k, orders o
          WHERE k.key = $1 AND k.state = 'COMPLETED' AND o.idempotency_key = $1`,
        [key],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.key_tx).toBe(rows[0]?.order_tx);
      expect(rows[0]?.body).toBe(res.body);

      const replay = await post(key, body({ cardToken }));
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.statusCode).toBe(status);
      expect(replay.body).toBe(res.body);
      expect(replay.headers.location).toBe(res.headers.location);
    },
  );

  it('answers a retry with the same order when the stored response was lost after the order committed', async () => {
    const key = randomUUID();
    const first = await post(key, body());
    // The crash window: the order committed, the response was never stored.
    await checkout.db.query('DELETE FROM idempotency_keys WHERE key = $1', [key]);
    const calls = checkout.payments.authorizeCalls.length;

    const retry = await post(key, body());
    expect(retry.statusCode).toBe(201);
    expect(retry.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(checkout.payments.authorizeCalls.length).toBe(calls);
    expect(await outboxRowsOf(checkout.db, first.json<{ id: string }>().id)).toHaveLength(1);
  });

  it('places one order for 50 concurrent identical requests: identical 201s, or 409 while the first is in flight', async () => {
    const key = randomUUID();
    checkout.payments.authorizeDelayMs = 100;
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(key, body())));
    checkout.payments.authorizeDelayMs = 0;

    const created = responses.filter((r) => r.statusCode === 201);
    const inFlight = responses.filter((r) => r.statusCode === 409);
    expect(created.length + inFlight.length).toBe(50);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body)).size).toBe(1);
    expect(
      inFlight.every((r) =>
        r.json<{ type: string }>().type.endsWith('/idempotency-request-in-progress'),
      ),
    ).toBe(true);
    const { rows } = await checkout.db.query('SELECT id FROM orders WHERE idempotency_key = $1', [
      key,
    ]);
    expect(rows).toHaveLength(1);

    const replay = await post(key, body());
    expect(replay.body).toBe(created[0]?.body);
  });

  it('answers 422 idempotency-key-reused for the same key with another body', async () => {
    const key = randomUUID();
    expect((await post(key, body())).statusCode).toBe(201);
    const other = await post(key, body({ courseIds: [COURSES.grpc] }));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      type: 'https://course-shop.example/problems/idempotency-key-reused',
    });
  });

  it('refuses, with 422 idempotency-key-reused, to hand an order to another learner once its stored key expired', async () => {
    const key = randomUUID();
    const first = await post(key, body());
    // A day later the key store forgot the key; the order still holds it.
    await checkout.db.query('DELETE FROM idempotency_keys WHERE key = $1', [key]);
    const calls = checkout.payments.authorizeCalls.length;

    const stranger = await post(key, body(), {}, randomUUID());
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json()).toMatchObject({
      type: 'https://course-shop.example/problems/idempotency-key-reused',
    });
    expect(checkout.payments.authorizeCalls.length).toBe(calls);
    const { rows } = await checkout.db.query<{ learner_id: string }>(
      'SELECT learner_id FROM orders WHERE idempotency_key = $1',
      [key],
    );
    expect(rows).toEqual([{ learner_id: first.json<{ learnerId: string }>().learnerId }]);
  });

  it('answers 400 naming the field for an invalid body, and 400 without an Idempotency-Key', async () => {
    const invalid = await post(randomUUID(), { courseIds: [], cardToken: 'visa' });
    expect(invalid.statusCode).toBe(400);
    const fields = invalid.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(['courseIds', 'cardToken']);

    const keyless = await post(undefined, body());
    expect(keyless.statusCode).toBe(400);
    expect(keyless.json()).toMatchObject({
      type: 'https://course-shop.example/problems/idempotency-key-required',
    });
  });

  it('answers 422 unknown-course naming the course, without placing an order', async () => {
    const missing = randomUUID();
    const res = await post(randomUUID(), body({ courseIds: [COURSES.grpc, missing] }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      type: 'https://course-shop.example/problems/unknown-course',
      courseIds: [missing],
    });
  });

  it('takes the longest Idempotency-Key allowed (255) as the grant-seat command id, and refuses a longer one', async () => {
    expect((await post('k'.repeat(255), body())).statusCode).toBe(201);
    const res = await post('k'.repeat(256), body());
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      type: 'https://course-shop.example/problems/idempotency-key-invalid',
    });
  });
});

describe('GET /v1/orders/:id', () => {
  it('returns the order with its lines, total, status and every step of its history', async () => {
    const placed = await post(randomUUID(), body());
    const { id } = placed.json<{ id: string }>();
    const res = await get(`/v1/orders/${id}`);

    expect(res.statusCode).toBe(200);
    const order = res.json<{ history: { at: string }[] }>();
    expect(order).toMatchObject({
      id,
      status: 'ENROLLING',
      lines: [
        { courseId: COURSES.messaging, price: { amountMinor: 4900, currency: 'EUR' } },
        { courseId: COURSES.grpc, price: { amountMinor: 5900, currency: 'EUR' } },
      ],
      total: { amountMinor: 10800, currency: 'EUR' },
      history: [
        { from: null, to: 'PENDING_PAYMENT', reason: 'order placed' },
        { from: 'PENDING_PAYMENT', to: 'PAID', reason: 'payment authorized' },
        { from: 'PAID', to: 'ENROLLING', reason: 'seats requested from enrollment' },
      ],
    });
    expect(order.history.every((step) => !Number.isNaN(Date.parse(step.at)))).toBe(true);
    expect(res.body).toBe(placed.body);
  });

  it('answers 404 order-not-found for an unknown id and 400 for a malformed one', async () => {
    const unknown = await get(`/v1/orders/${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      type: 'https://course-shop.example/problems/order-not-found',
    });
    const malformed = await get('/v1/orders/nope');
    expect(malformed.statusCode).toBe(400);
  });
});
