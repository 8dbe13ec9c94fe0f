import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../domain/order.js';
import { enrollingOrder, seatEvent } from '../testing/enrolling-order.js';
import { InMemoryOrdersRepository } from '../testing/in-memory-orders.repository.js';
import { CompleteOrderHandler } from './complete-order.handler.js';

const granted = (order: Order) => {
  const { id: orderId, learnerId, lines } = order.snapshot;
  const enrollments = lines.map(({ courseId }) => ({ courseId, enrollmentId: randomUUID() }));
  return seatEvent('enrollment.seat-granted.v1', { orderId, learnerId, enrollments });
};

let orders: InMemoryOrdersRepository;
let completeOrder: CompleteOrderHandler;
beforeEach(() => {
  orders = new InMemoryOrdersRepository();
  completeOrder = new CompleteOrderHandler(orders);
});

describe('CompleteOrderHandler', () => {
  it('completes an enrolling order and puts order.completed in the outbox, keyed by the order', async () => {
    const order = await enrollingOrder(orders);
    await expect(completeOrder.execute(granted(order))).resolves.toBe('applied');
    expect((await orders.byId(order.snapshot.id))?.snapshot.status).toBe('COMPLETED');
    expect(orders.state.outbox).toEqual([
      expect.objectContaining({
        destination: { transport: 'KAFKA', topic: 'order.completed.v1' },
        messageKey: order.snapshot.id,
      }),
    ]);
  });

  it('applies the same event once', async () => {
    const event = granted(await enrollingOrder(orders));
    await completeOrder.execute(event);
    await expect(completeOrder.execute(event)).resolves.toBe('duplicate');
    expect(orders.state.outbox).toHaveLength(1);
  });

  it('ignores seats granted for an order that is no longer enrolling', async () => {
    const order = await enrollingOrder(orders);
    await completeOrder.execute(granted(order));
    await expect(completeOrder.execute(granted(order))).resolves.toBe('ignored');
    expect(orders.state.outbox).toHaveLength(1);
  });

  it('refuses seats for an order it does not know, recording nothing', async () => {
    const order = await enrollingOrder(new InMemoryOrdersRepository());
    await expect(completeOrder.execute(granted(order))).resolves.toEqual({
      refused: true,
      code: 'UNKNOWN_ORDER',
      reason: `no order ${order.snapshot.id}: checkout never asked for its seats`,
    });
    expect(orders.state.inbox.size).toBe(0);
  });

  it('refuses seats granted to another learner, leaving the order enrolling', async () => {
    const order = await enrollingOrder(orders);
    const event = granted(order);
    const forged = seatEvent('enrollment.seat-granted.v1', {
      ...event.data,
      learnerId: randomUUID(),
    });
    await expect(completeOrder.execute(forged)).resolves.toMatchObject({ code: 'CONTRADICTION' });
    expect((await orders.byId(order.snapshot.id))?.snapshot.status).toBe('ENROLLING');
    expect(orders.state.outbox).toHaveLength(0);
    expect(orders.state.inbox.size).toBe(0);
  });
});
