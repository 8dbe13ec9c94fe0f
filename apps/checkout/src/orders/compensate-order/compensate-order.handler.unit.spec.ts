import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakePayments } from '../../../test/support/fake-payments.js';
import type { Order } from '../domain/order.js';
import { PaymentUnavailableError } from '../domain/order.errors.js';
import { refundIdOf } from '../payment-keys.js';
import { enrollingOrder, seatEvent } from '../testing/enrolling-order.js';
import { InMemoryOrdersRepository } from '../testing/in-memory-orders.repository.js';
import { CompensateOrderHandler } from './compensate-order.handler.js';

const rejected = (order: Order) => {
  const { id: orderId, learnerId, lines } = order.snapshot;
  const courseId = lines[0]?.courseId ?? '';
  return seatEvent('enrollment.seat-rejected.v1', {
    orderId,
    learnerId,
    courseId,
    reason: 'COURSE_FULL',
    detail: 'all 1 seats are taken',
  });
};

let orders: InMemoryOrdersRepository;
let payments: FakePayments;
let compensate: CompensateOrderHandler;
beforeEach(() => {
  orders = new InMemoryOrdersRepository();
  payments = new FakePayments();
  compensate = new CompensateOrderHandler(orders, payments);
});

describe('CompensateOrderHandler', () => {
  it('refunds the payment, cancels the order with the refund id, and puts order.cancelled v1 and v2 in the outbox', async () => {
    const order = await enrollingOrder(orders);
    await expect(compensate.execute(rejected(order))).resolves.toBe('applied');
    expect(payments.refundCalls).toEqual([
      expect.objectContaining({
        paymentId: order.snapshot.paymentId,
        idempotencyKey: refundIdOf(order.snapshot.id),
      }),
    ]);
    const cancelled = await orders.byId(order.snapshot.id);
    expect(cancelled?.snapshot).toMatchObject({
      status: 'CANCELLED',
      refundId: refundIdOf(order.snapshot.id),
    });
    const refundId = refundIdOf(order.snapshot.id);
    expect(orders.state.outbox).toEqual([
      expect.objectContaining({
        destination: { transport: 'KAFKA', topic: 'order.cancelled.v1' },
        payload: expect.objectContaining({
          data: expect.objectContaining({ reason: 'COURSE_FULL', refundId }) as unknown,
        }) as unknown,
      }),
      expect.objectContaining({
        destination: { transport: 'KAFKA', topic: 'order.cancelled.v2' },
        messageKey: order.snapshot.id,
        payload: expect.objectContaining({
          type: 'com.shop.order.cancelled.v2',
          data: expect.objectContaining({ reason: 'COURSE_FULL', refundId }) as unknown,
        }) as unknown,
      }),
    ]);
  });

  it('refunds nothing for a rejection naming a course the order does not have', async () => {
    const order = await enrollingOrder(orders);
    const forged = seatEvent('enrollment.seat-rejected.v1', {
      ...rejected(order).data,
      courseId: randomUUID(),
    });
    await expect(compensate.execute(forged)).resolves.toMatchObject({
      refused: true,
      code: 'CONTRADICTION',
      reason: expect.stringMatching(/the event rejects course/) as unknown,
    });
    expect(payments.refundCalls).toEqual([]);
    expect((await orders.byId(order.snapshot.id))?.snapshot.status).toBe('ENROLLING');
  });

  it('refunds once when the same event is delivered twice', async () => {
    const event = rejected(await enrollingOrder(orders));
    await compensate.execute(event);
    await expect(compensate.execute(event)).resolves.toBe('duplicate');
    expect(payments.refundCalls).toHaveLength(1);
  });

  it('changes nothing while payment cannot refund, and asks for the event again', async () => {
    const order = await enrollingOrder(orders);
    payments.refundDown = true;
    await expect(compensate.execute(rejected(order))).rejects.toThrow(PaymentUnavailableError);
    expect((await orders.byId(order.snapshot.id))?.snapshot.status).toBe('ENROLLING');
    expect(orders.state.inbox.size).toBe(0);
    payments.refundDown = false;
    await expect(compensate.execute(rejected(order))).resolves.toBe('applied');
  });
});
