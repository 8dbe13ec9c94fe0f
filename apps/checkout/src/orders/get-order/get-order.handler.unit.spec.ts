import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OrderNotFoundError, OrderNotYoursError } from '../domain/order.errors.js';
import { enrollingOrder } from '../testing/enrolling-order.js';
import { InMemoryOrdersRepository } from '../testing/in-memory-orders.repository.js';
import { GetOrderHandler } from './get-order.handler.js';

describe('GetOrderHandler', () => {
  it('finds an order with its history, and answers OrderNotFoundError for an unknown id', async () => {
    const orders = new InMemoryOrdersRepository();
    const order = await enrollingOrder(orders);
    const getOrder = new GetOrderHandler(orders);
    const found = await getOrder.execute(order.snapshot.id, order.snapshot.learnerId);
    expect(found.snapshot.history.map((change) => change.to)).toEqual([
      'PENDING_PAYMENT',
      'PAID',
      'ENROLLING',
    ]);
    await expect(getOrder.execute(randomUUID(), order.snapshot.learnerId)).rejects.toThrow(
      OrderNotFoundError,
    );
  });

  it("answers OrderNotYoursError for another learner's order", async () => {
    const orders = new InMemoryOrdersRepository();
    const order = await enrollingOrder(orders);
    await expect(
      new GetOrderHandler(orders).execute(order.snapshot.id, randomUUID()),
    ).rejects.toThrow(OrderNotYoursError);
  });
});
