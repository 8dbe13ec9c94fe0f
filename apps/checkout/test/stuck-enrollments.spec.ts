// Orders stuck in ENROLLING (enrollment never answered) get one cancel-grant
// command once their deadline passes (a small setting here); enrollment's
// confirmation refunds and cancels them with reason enrollment-timeout, over
// REST and GraphQL alike. Waits on conditions (expect.poll), never on time.
import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/contracts';
import { postGraphql } from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { CompensateTimedOutOrderHandler } from '../src/orders/compensate-order/compensate-timed-out-order.handler.js';
import { CompleteOrderHandler } from '../src/orders/complete-order/complete-order.handler.js';
import { ENROLLMENT_TIMEOUT } from '../src/orders/domain/order.js';
import type { OrderView } from '../src/orders/order.view.js';
import { refundIdOf } from '../src/orders/payment-keys.js';
import { CancelStuckEnrollmentsHandler } from '../src/orders/resolve-stuck-orders/cancel-stuck-enrollments.handler.js';
import {
  COURSES,
  outboxRowsOf,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;
let sweeps: MockInstance<CancelStuckEnrollmentsHandler['execute']>;
const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';

beforeAll(async () => {
  checkout = await startCheckoutTestApp({
    ORDER_ENROLLMENT_DEADLINE_MS: '1500',
    ORDER_SWEEP_INTERVAL_MS: '50',
  });
  sweeps = vi.spyOn(checkout.app.get(CancelStuckEnrollmentsHandler), 'execute');
}, 60_000);
afterAll(async () => checkout.stop());

const POLL = { timeout: 30_000 };

async function enrollingOrder(): Promise<OrderView> {
  const res = await checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      'idempotency-key': randomUUID(),
      authorization: await checkout.authorization(learnerId),
    },
    payload: { courseIds: [COURSES.messaging] },
  });
  expect(res.statusCode).toBe(201);
  return res.json<OrderView>();
}

async function orderById(id: string): Promise<OrderView> {
  const res = await checkout.app.inject({
    method: 'GET',
    url: `/v1/orders/${id}`,
    headers: { authorization: await checkout.authorization(learnerId) },
  });
  return res.json<OrderView>();
}

const cancelCommandsOf = async (orderId: string) =>
  (await outboxRowsOf(checkout.db, orderId)).filter(
    (r) => r.routing_key === 'enrollment.cancel-grant',
  );

/** Waits until the order's cancel-grant command is in the outbox. */
async function pastDeadline(orderId: string) {
  await expect.poll(async () => (await cancelCommandsOf(orderId)).length, POLL).toBe(1);
}

const grantCancelled = (orderId: string, released: number) =>
  createEvent(
    'enrollment.grant-cancelled.v1',
    {
      orderId,
      learnerId,
      released: Array.from({ length: released }, () => ({
        courseId: COURSES.messaging,
        enrollmentId: randomUUID(),
      })),
      cancelledAt: new Date().toISOString(),
    },
    { subject: orderId, correlationId: 'corr-cancelled' },
  );

describe('When an order stays ENROLLING past its deadline', () => {
  it('then one cancel-grant command goes to its outbox, however often the sweep runs, and its history says why', async () => {
    const order = await enrollingOrder();
    await pastDeadline(order.id);
    const runs = sweeps.mock.calls.length;
    // Several more sweeps over the same order: none asks again.
    await expect.poll(() => sweeps.mock.calls.length, POLL).toBeGreaterThanOrEqual(runs + 5);

    const [command, ...more] = await cancelCommandsOf(order.id);
    expect(more).toEqual([]);
    expect(command).toMatchObject({
      destination: 'AMQP',
      exchange: 'enrollment.commands',
      payload: {
        id: `cancel-grant-${order.id}`,
        type: 'com.shop.enrollment.cancel-grant.v1',
        subject: order.id,
        data: { orderId: order.id, learnerId, courseIds: [COURSES.messaging] },
      },
    });
    const after = await orderById(order.id);
    expect(after.status).toBe('ENROLLING');
    expect(after.history.at(-1)).toMatchObject({
      from: 'ENROLLING',
      to: 'ENROLLING',
      reason: expect.stringMatching(
        new RegExp(
          `^${ENROLLMENT_TIMEOUT}: enrollment did not answer within \\d+ s; asked enrollment to cancel the grant$`,
        ),
      ) as unknown,
    });
  });

  it('and enrollment confirms the cancellation, then it is refunded and CANCELLED with reason enrollment-timeout, over REST and GraphQL', async () => {
    const order = await enrollingOrder();
    await pastDeadline(order.id);
    const compensate = checkout.app.get(CompensateTimedOutOrderHandler);
    expect(await compensate.execute(grantCancelled(order.id, 1))).toBe('applied');

    const refundId = refundIdOf(order.id);
    expect(checkout.payments.refundCalls.filter((r) => r.paymentId === order.paymentId)).toEqual([
      { paymentId: order.paymentId, idempotencyKey: refundId, reason: 'ENROLLMENT_TIMEOUT' },
    ]);
    const after = await orderById(order.id);
    expect(after).toMatchObject({ status: 'CANCELLED', refundId });
    expect(after.history.at(-1)).toMatchObject({
      from: 'ENROLLING',
      to: 'CANCELLED',
      reason: `${ENROLLMENT_TIMEOUT}: enrollment cancelled the grant (1 seat(s) released); payment refunded (refund ${refundId})`,
    });
    // order.cancelled.v2 with its reason, in the same transaction; no v1, which cannot say it.
    const events = (await outboxRowsOf(checkout.db, order.id)).filter(
      (r) => r.destination === 'KAFKA',
    );
    expect(events).toEqual([
      expect.objectContaining({
        topic: 'order.cancelled.v2',
        message_key: order.id,
        payload: expect.objectContaining({
          data: expect.objectContaining({
            orderId: order.id,
            reason: 'ENROLLMENT_TIMEOUT',
            refundId,
            cancelledAt: new Date(after.history.at(-1)!.at).toISOString(),
          }) as unknown,
        }) as unknown,
      }),
    ]);

    const { data } = await postGraphql<{
      order: { status: string; history: { from: string; to: string; reason: string }[] };
    }>(
      checkout.app,
      'query Order($id: ID!) { order(id: $id) { status history { from to reason } } }',
      { variables: { id: order.id }, learnerId },
    );
    expect(data?.order.status).toBe('CANCELLED');
    expect(data?.order.history.slice(-2)).toEqual([
      expect.objectContaining({ from: 'ENROLLING', to: 'ENROLLING' }),
      expect.objectContaining({
        from: 'ENROLLING',
        to: 'CANCELLED',
        reason: after.history.at(-1)?.reason,
      }),
    ]);
  });

  it('and seats granted before enrollment saw the cancel arrive, then they do not complete it: the cancellation decides', async () => {
    const order = await enrollingOrder();
    await pastDeadline(order.id);
    const granted = createEvent(
      'enrollment.seat-granted.v1',
      {
        orderId: order.id,
        learnerId,
        enrollments: [{ courseId: COURSES.messaging, enrollmentId: randomUUID() }],
      },
      { subject: order.id, correlationId: 'corr-late' },
    );
    expect(await checkout.app.get(CompleteOrderHandler).execute(granted)).toBe('ignored');
    expect((await orderById(order.id)).status).toBe('ENROLLING');

    const compensate = checkout.app.get(CompensateTimedOutOrderHandler);
    const cancelled = grantCancelled(order.id, 1);
    expect(await compensate.execute(cancelled)).toBe('applied');
    expect(await compensate.execute(cancelled)).toBe('duplicate');
    expect((await orderById(order.id)).status).toBe('CANCELLED');
    expect(
      (await outboxRowsOf(checkout.db, order.id)).filter((r) => r.topic === 'order.completed.v1'),
    ).toEqual([]);
    expect(
      checkout.payments.refundCalls.filter((r) => r.paymentId === order.paymentId),
    ).toHaveLength(1);
  });
});
