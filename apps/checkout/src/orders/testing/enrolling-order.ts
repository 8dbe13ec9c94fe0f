import { randomUUID } from 'node:crypto';
import { createEvent, type DataOf } from '@shop/contracts';
import { Order } from '../domain/order.js';
import type { InMemoryOrdersRepository } from './in-memory-orders.repository.js';

/** A paid order waiting for its seats (since `now`), stored in `orders`. */
export async function enrollingOrder(
  orders: InMemoryOrdersRepository,
  now = new Date(),
): Promise<Order> {
  const order = Order.place(
    { id: randomUUID(), idempotencyKey: `key-${randomUUID()}`, learnerId: randomUUID() },
    [{ courseId: randomUUID(), priceMinor: 4900, currency: 'EUR' }],
    now,
  );
  await orders.insert(order);
  const changes = [order.paymentAuthorized(randomUUID(), now), order.enrollmentRequested(now)];
  await orders.inTransaction((tx) => tx.recordChanges(order, changes));
  return order;
}

/** enrollment's answer about `order`, as the consumer hands it to a handler. */
export function seatEvent<
  K extends
    'enrollment.seat-granted.v1' | 'enrollment.seat-rejected.v1' | 'enrollment.grant-cancelled.v1',
>(kind: K, data: DataOf<K>) {
  return createEvent(kind, data, { subject: data.orderId, correlationId: 'corr-unit' });
}
