import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompensateOrderHandler } from '../src/orders/compensate-order/compensate-order.handler.js';
import { CompleteOrderHandler } from '../src/orders/complete-order/complete-order.handler.js';
import { PaymentUnavailableError } from '../src/orders/domain/order.errors.js';
import { refundIdOf } from '../src/orders/payment-keys.js';
import {
  COURSES,
  outboxRowsOf,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

// The use cases behind the Kafka consumer, on real PostgreSQL with a fake payment.
let checkout: CheckoutTestApp;
let complete: CompleteOrderHandler;
let compensate: CompensateOrderHandler;

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
  complete = checkout.app.get(CompleteOrderHandler);
  compensate = checkout.app.get(CompensateOrderHandler);
}, 60_000);
afterAll(async () => {
  await checkout.stop();
});

const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';

interface OrderJson {
  id: string;
  status: string;
  paymentId: string;
  refundId: string | null;
  history: { to: string; reason: string }[];
}

/** An order placed over REST, now ENROLLING. */
async function enrollingOrder(): Promise<OrderJson> {
  const res = await checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      'idempotency-key': randomUUID(),
      authorization: await checkout.authorization(learnerId),
    },
    payload: { courseIds: [COURSES.messaging] },
  });
  return res.json<OrderJson>();
}

async function orderById(id: string): Promise<OrderJson> {
  const authorization = await checkout.authorization(learnerId);
  const res = await checkout.app.inject({
    method: 'GET',
    url: `/v1/orders/${id}`,
    headers: { authorization },
  });
  return res.json<OrderJson>();
}

const seatGranted = (orderId: string) =>
  createEvent(
    'enrollment.seat-granted.v1',
    {
      orderId,
      learnerId,
      enrollments: [{ courseId: COURSES.messaging, enrollmentId: randomUUID() }],
    },
    { subject: orderId, correlationId: 'corr-granted' },
  );

const seatRejected = (orderId: string) =>
  createEvent(
    'enrollment.seat-rejected.v1',
    {
      orderId,
      learnerId,
      courseId: COURSES.messaging,
      reason: 'COURSE_FULL',
      detail: 'no seat left',
    },
    { subject: orderId, correlationId: 'corr-rejected' },
  );

describe('enrollment.seat-granted.v1', () => {
  it('completes the order and puts order.completed in the outbox, keyed by the order id', async () => {
    const order = await enrollingOrder();
    expect(await complete.execute(seatGranted(order.id))).toBe('applied');

    const after = await orderById(order.id);
    expect(after.status).toBe('COMPLETED');
    expect(after.history.at(-1)).toMatchObject({ to: 'COMPLETED', reason: 'seats granted' });
    const rows = await outboxRowsOf(checkout.db, order.id);
    expect(
      rows.map((r) => [r.destination, r.topic, r.exchange, r.routing_key, r.message_key]),
    ).toEqual([
      ['AMQP', null, 'enrollment.commands', 'enrollment.grant-seat', null],
      ['KAFKA', 'order.completed.v1', null, null, order.id],
    ]);
    expect(rows[1]?.payload).toMatchObject({
      type: 'com.shop.order.completed.v1',
      subject: order.id,
      correlationid: 'corr-granted',
      data: {
        orderId: order.id,
        totalMinor: 4900,
        currency: 'EUR',
        lines: [{ courseId: COURSES.messaging }],
      },
    });
  });

  it('applies the same event once when it is delivered twice', async () => {
    const order = await enrollingOrder();
    const event = seatGranted(order.id);
    expect(await complete.execute(event)).toBe('applied');
    expect(await complete.execute(event)).toBe('duplicate');

    expect((await orderById(order.id)).history.filter((c) => c.to === 'COMPLETED')).toHaveLength(1);
    expect(await outboxRowsOf(checkout.db, order.id)).toHaveLength(2);
  });
});

describe('enrollment.seat-rejected.v1', () => {
  it('refunds the payment once, cancels the order with the reason and refund id, and puts order.cancelled v1 and v2 in the outbox', async () => {
    const order = await enrollingOrder();
    expect(await compensate.execute(seatRejected(order.id))).toBe('applied');

    const refundId = refundIdOf(order.id);
    expect(checkout.payments.refundCalls.filter((r) => r.paymentId === order.paymentId)).toEqual([
      { paymentId: order.paymentId, idempotencyKey: refundId, reason: 'COURSE_FULL' },
    ]);
    const after = await orderById(order.id);
    expect(after).toMatchObject({ status: 'CANCELLED', refundId });
    expect(after.history.at(-1)?.reason).toBe(
      `seats rejected: COURSE_FULL (no seat left); payment refunded (refund ${refundId})`,
    );
    const [v1, v2] = (await outboxRowsOf(checkout.db, order.id)).slice(-2);
    for (const [cancelled, topic] of [
      [v1, 'order.cancelled.v1'],
      [v2, 'order.cancelled.v2'],
    ] as const) {
      expect(cancelled).toMatchObject({
        destination: 'KAFKA',
        topic,
        message_key: order.id,
        payload: {
          type: `com.shop.${topic}`,
          data: { orderId: order.id, reason: 'COURSE_FULL', refundId },
          correlationid: 'corr-rejected',
        },
      });
    }
  });

  it('refunds and cancels once when the same event is delivered twice', async () => {
    const order = await enrollingOrder();
    const event = seatRejected(order.id);
    expect(await compensate.execute(event)).toBe('applied');
    expect(await compensate.execute(event)).toBe('duplicate');

    expect(
      checkout.payments.refundCalls.filter((r) => r.paymentId === order.paymentId),
    ).toHaveLength(1);
    expect((await orderById(order.id)).history.filter((c) => c.to === 'CANCELLED')).toHaveLength(1);
    expect(
      (await outboxRowsOf(checkout.db, order.id)).map((r) => [r.routing_key, r.topic]),
    ).toEqual([
      ['enrollment.grant-seat', null],
      [null, 'order.cancelled.v1'],
      [null, 'order.cancelled.v2'],
    ]);
  });

  it('changes nothing and asks for a later retry while the refund is unavailable; the retry then compensates', async () => {
    const order = await enrollingOrder();
    const event = seatRejected(order.id);
    checkout.payments.refundDown = true;
    await expect(compensate.execute(event)).rejects.toBeInstanceOf(PaymentUnavailableError);
    checkout.payments.refundDown = false;

    const untouched = await orderById(order.id);
    expect(untouched.status).toBe('ENROLLING');
    expect(await outboxRowsOf(checkout.db, order.id)).toHaveLength(1);
    const { rows } = await checkout.db.query('SELECT 1 FROM inbox_messages WHERE message_id = $1', [
      event.id,
    ]);
    expect(rows).toEqual([]);

    expect(await compensate.execute(event)).toBe('applied');
    expect((await orderById(order.id)).status).toBe('CANCELLED');
    // Both attempts used the same refund key: payment refunds once.
    expect(
      new Set(
        checkout.payments.refundCalls
          .filter((r) => r.paymentId === order.paymentId)
          .map((r) => r.idempotencyKey),
      ).size,
    ).toBe(1);
  });

  it('refuses a rejection for an order that already completed, as a contradiction, without refunding it', async () => {
    const order = await enrollingOrder();
    await complete.execute(seatGranted(order.id));
    expect(await compensate.execute(seatRejected(order.id))).toEqual({
      refused: true,
      code: 'CONTRADICTION',
      reason: `order ${order.id} is COMPLETED: its seats were granted, so they cannot be rejected`,
    });
    expect(checkout.payments.refundCalls.filter((r) => r.paymentId === order.paymentId)).toEqual(
      [],
    );
    expect((await orderById(order.id)).status).toBe('COMPLETED');
  });
});
