import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakePayments } from '../../../test/support/fake-payments.js';
import { CompleteOrderHandler } from '../complete-order/complete-order.handler.js';
import { ENROLLMENT_TIMEOUT, type Order } from '../domain/order.js';
import { PaymentUnavailableError } from '../domain/order.errors.js';
import { refundIdOf } from '../payment-keys.js';
import { enrollingOrder, seatEvent } from '../testing/enrolling-order.js';
import { InMemoryOrdersRepository } from '../testing/in-memory-orders.repository.js';
import { CompensateOrderHandler } from './compensate-order.handler.js';
import { CompensateTimedOutOrderHandler } from './compensate-timed-out-order.handler.js';

let orders: InMemoryOrdersRepository;
let payments: FakePayments;
let compensate: CompensateTimedOutOrderHandler;
beforeEach(() => {
  orders = new InMemoryOrdersRepository();
  payments = new FakePayments();
  compensate = new CompensateTimedOutOrderHandler(orders, payments);
});

async function cancelRequestedOrder(): Promise<Order> {
  const order = await enrollingOrder(orders);
  await orders.inTransaction((tx) =>
    tx.recordChanges(order, [order.enrollmentTimedOut(300_000, new Date())]),
  );
  return order;
}

const grantCancelled = (order: Order, released = 0) => {
  const { id: orderId, learnerId, lines } = order.snapshot;
  return seatEvent('enrollment.grant-cancelled.v1', {
    orderId,
    learnerId,
    released: lines
      .slice(0, released)
      .map(({ courseId }) => ({ courseId, enrollmentId: randomUUID() })),
    cancelledAt: new Date().toISOString(),
  });
};

const stored = async (order: Order) => (await orders.byId(order.snapshot.id))!.snapshot;

describe('CompensateTimedOutOrderHandler', () => {
  it('refunds with ENROLLMENT_TIMEOUT, cancels the order with reason enrollment-timeout, and puts order.cancelled.v2 (only) in the outbox', async () => {
    const order = await cancelRequestedOrder();
    await expect(compensate.execute(grantCancelled(order, 1))).resolves.toBe('applied');

    const refundId = refundIdOf(order.snapshot.id);
    expect(payments.refundCalls).toEqual([
      {
        paymentId: order.snapshot.paymentId,
        idempotencyKey: refundId,
        reason: 'ENROLLMENT_TIMEOUT',
      },
    ]);
    const { status, refundId: recorded, history } = await stored(order);
    expect({ status, recorded }).toEqual({ status: 'CANCELLED', recorded: refundId });
    expect(history.at(-1)).toMatchObject({
      from: 'ENROLLING',
      to: 'CANCELLED',
      reason: `${ENROLLMENT_TIMEOUT}: enrollment cancelled the grant (1 seat(s) released); payment refunded (refund ${refundId})`,
    });
    const kafka = orders.state.outbox.filter((m) => m.destination.transport === 'KAFKA');
    expect(kafka).toEqual([
      expect.objectContaining({
        destination: { transport: 'KAFKA', topic: 'order.cancelled.v2' },
        payload: expect.objectContaining({
          data: {
            orderId: order.snapshot.id,
            learnerId: order.snapshot.learnerId,
            lines: [...order.snapshot.lines],
            reason: 'ENROLLMENT_TIMEOUT',
            refundId,
            cancelledAt: history.at(-1)!.at.toISOString(),
          },
        }) as unknown,
      }),
    ]);
  });

  it('refunds once when the same answer is delivered twice', async () => {
    const event = grantCancelled(await cancelRequestedOrder());
    await compensate.execute(event);
    await expect(compensate.execute(event)).resolves.toBe('duplicate');
    expect(payments.refundCalls).toHaveLength(1);
  });

  it('changes nothing while payment cannot refund, and asks for the event again', async () => {
    const order = await cancelRequestedOrder();
    payments.refundDown = true;
    await expect(compensate.execute(grantCancelled(order))).rejects.toThrow(
      PaymentUnavailableError,
    );
    expect((await stored(order)).status).toBe('ENROLLING');
    payments.refundDown = false;
    await expect(compensate.execute(grantCancelled(order))).resolves.toBe('applied');
  });

  it('refunds nothing for an answer to a cancel checkout never asked for', async () => {
    const order = await enrollingOrder(orders);
    await expect(compensate.execute(grantCancelled(order))).resolves.toMatchObject({
      refused: true,
      code: 'CONTRADICTION',
    });
    expect(payments.refundCalls).toEqual([]);
    expect((await stored(order)).status).toBe('ENROLLING');
  });

  it('refunds once when a seat rejection compensated the order first', async () => {
    const order = await cancelRequestedOrder();
    const { id: orderId, learnerId, lines } = order.snapshot;
    const rejected = seatEvent('enrollment.seat-rejected.v1', {
      orderId,
      learnerId,
      courseId: lines[0]!.courseId,
      reason: 'COURSE_FULL',
    });
    await new CompensateOrderHandler(orders, payments).execute(rejected);
    await expect(compensate.execute(grantCancelled(order))).resolves.toBe('ignored');
    expect(payments.refundCalls).toHaveLength(1);
  });

  it('leaves the order to the cancellation when seats granted before it arrive', async () => {
    const order = await cancelRequestedOrder();
    const { id: orderId, learnerId, lines } = order.snapshot;
    const granted = seatEvent('enrollment.seat-granted.v1', {
      orderId,
      learnerId,
      enrollments: lines.map(({ courseId }) => ({ courseId, enrollmentId: randomUUID() })),
    });
    await expect(new CompleteOrderHandler(orders).execute(granted)).resolves.toBe('ignored');
    expect((await stored(order)).status).toBe('ENROLLING');
    await expect(compensate.execute(grantCancelled(order, 1))).resolves.toBe('applied');
    expect((await stored(order)).status).toBe('CANCELLED');
  });
});
