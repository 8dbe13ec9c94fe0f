// Orders stuck in PENDING_PAYMENT are resolved by the sweep once their
// deadline passes (a small setting here), with the reason in their history —
// over REST and GraphQL alike. Waits on conditions (expect.poll), never on time.
import { randomUUID } from 'node:crypto';
import { postGraphql } from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_OUTCOME_TIMEOUT } from '../src/orders/domain/order.js';
import type { OrderView } from '../src/orders/order.view.js';
import { OrdersRepository } from '../src/orders/orders.repository.js';
import { authorizeKeyOf, refundIdOf } from '../src/orders/payment-keys.js';
import {
  COURSES,
  outboxRowsOf,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;
const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';

beforeAll(async () => {
  checkout = await startCheckoutTestApp({
    // Well past the time a failing POST takes on a loaded machine: the sweep must not race it.
    ORDER_PAYMENT_DEADLINE_MS: '2000',
    ORDER_SWEEP_INTERVAL_MS: '50',
  });
}, 60_000);
afterAll(async () => checkout.stop());

async function post(key: string) {
  return checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: { 'idempotency-key': key, authorization: await checkout.authorization(learnerId) },
    payload: { courseIds: [COURSES.messaging] },
  });
}

async function orderOf(key: string): Promise<OrderView> {
  const { rows } = await checkout.db.query<{ id: string }>(
    'SELECT id FROM orders WHERE idempotency_key = $1',
    [key],
  );
  const res = await checkout.app.inject({
    method: 'GET',
    url: `/v1/orders/${rows[0]?.id}`,
    headers: { authorization: await checkout.authorization(learnerId) },
  });
  return res.json<OrderView>();
}

// Places an order whose Authorize gets no answer: 503, the order left PENDING_PAYMENT.
async function stuckOrder(key = randomUUID()): Promise<string> {
  checkout.payments.authorizeDown = true;
  const res = await post(key);
  checkout.payments.authorizeDown = false;
  expect(res.statusCode).toBe(503);
  return key;
}

describe('When an order stays PENDING_PAYMENT past its deadline', () => {
  it('and payment charged nothing, then it is CANCELLED with reason payment-outcome-unknown-timeout, visible over REST and GraphQL', async () => {
    const key = await stuckOrder();
    await expect
      .poll(async () => (await orderOf(key)).status, { timeout: 30_000 })
      .toBe('CANCELLED');
    const order = await orderOf(key);
    expect(order.history.at(-1)).toMatchObject({
      from: 'PENDING_PAYMENT',
      to: 'CANCELLED',
      reason: `${PAYMENT_OUTCOME_TIMEOUT}: nothing was charged`,
    });
    expect(order).toMatchObject({ paymentId: null, refundId: null });
    // Nothing was charged, so nothing was refunded: no cancellation is announced.
    expect(await outboxRowsOf(checkout.db, order.id)).toEqual([]);

    const { data } = await postGraphql<{
      order: { status: string; history: { reason: string }[] };
    }>(checkout.app, 'query Order($id: ID!) { order(id: $id) { status history { reason } } }', {
      variables: { id: order.id },
      learnerId,
    });
    expect(data?.order.status).toBe('CANCELLED');
    expect(data?.order.history.at(-1)?.reason).toContain(PAYMENT_OUTCOME_TIMEOUT);
  });

  it('and payment turns out to have charged it, then the charge is refunded and the order CANCELLED with the refund', async () => {
    // The charge payment made though checkout heard nothing back (before the sweep can ask).
    const key = randomUUID();
    const paymentId = checkout.payments.chargeBehindCheckout(authorizeKeyOf(key), {
      amountMinor: 4900,
      currency: 'EUR',
    });
    await stuckOrder(key);
    await expect
      .poll(async () => (await orderOf(key)).status, { timeout: 30_000 })
      .toBe('CANCELLED');
    const order = await orderOf(key);
    expect(order).toMatchObject({ paymentId, refundId: refundIdOf(order.id) });
    expect(order.history.at(-1)?.reason).toContain(
      `${PAYMENT_OUTCOME_TIMEOUT}: payment authorized late`,
    );
    expect(checkout.payments.refundCalls.filter((r) => r.paymentId === paymentId)).toEqual([
      { paymentId, idempotencyKey: refundIdOf(order.id), reason: 'PAYMENT_OUTCOME_TIMEOUT' },
    ]);
    // Announced in the transaction that cancelled it; v1 cannot say this reason.
    const cancelled = order.history.at(-1)!;
    expect(await outboxRowsOf(checkout.db, order.id)).toEqual([
      expect.objectContaining({
        destination: 'KAFKA',
        topic: 'order.cancelled.v2',
        message_key: order.id,
        payload: expect.objectContaining({
          type: 'com.shop.order.cancelled.v2',
          data: {
            orderId: order.id,
            learnerId,
            lines: [{ courseId: COURSES.messaging, priceMinor: 4900, currency: 'EUR' }],
            reason: 'PAYMENT_OUTCOME_TIMEOUT',
            refundId: refundIdOf(order.id),
            cancelledAt: new Date(cancelled.at).toISOString(),
          },
        }) as unknown,
      }),
    ]);
  });

  it('and a charge is recorded after it was CANCELLED, then the sweep refunds it and announces order.cancelled.v2 once', async () => {
    const key = await stuckOrder();
    await expect
      .poll(async () => (await orderOf(key)).status, { timeout: 30_000 })
      .toBe('CANCELLED');
    const { id } = await orderOf(key);
    const paymentId = checkout.payments.chargeBehindCheckout(authorizeKeyOf(key), {
      amountMinor: 4900,
      currency: 'EUR',
    });
    await checkout.app.get(OrdersRepository).recordLatePayment(id, paymentId);
    await expect
      .poll(async () => (await orderOf(key)).refundId, { timeout: 30_000 })
      .toBe(refundIdOf(id));
    const rows = await outboxRowsOf(checkout.db, id);
    expect(rows.map((r) => [r.topic, r.payload.data.reason, r.payload.data.refundId])).toEqual([
      ['order.cancelled.v2', 'PAYMENT_OUTCOME_TIMEOUT', refundIdOf(id)],
    ]);
    expect(checkout.payments.refundCalls.filter((r) => r.paymentId === paymentId)).toHaveLength(1);
  });

  it('then a retry of the same key answers the cancelled order, without asking payment to charge', async () => {
    const key = await stuckOrder();
    await expect
      .poll(async () => (await orderOf(key)).status, { timeout: 30_000 })
      .toBe('CANCELLED');
    const charges = () =>
      checkout.payments.authorizeCalls.filter((c) => c.idempotencyKey === authorizeKeyOf(key));
    const before = charges().length;
    const retry = await post(key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json<OrderView>().status).toBe('CANCELLED');
    expect(charges()).toHaveLength(before);
  });
});
