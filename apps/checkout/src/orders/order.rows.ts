import type { Prisma } from '../generated/prisma/client.js';
import { Order } from './domain/order.js';

// Lines by course id, so every read lists them the same way. History by time,
// then by status: PAID and ENROLLING share a timestamp, and the state machine
// only ever moves forward in the enum's declaration order, which PostgreSQL sorts by.
export const ORDER_INCLUDE = {
  lines: { orderBy: { courseId: 'asc' } },
  statusChanges: { orderBy: [{ at: 'asc' }, { toStatus: 'asc' }] },
} as const satisfies Prisma.OrderInclude;

type OrderRow = Prisma.OrderGetPayload<{ include: typeof ORDER_INCLUDE }>;

/** An order as stored → the domain object. */
export function toOrder(row: OrderRow): Order {
  return Order.restore({
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    learnerId: row.learnerId,
    lines: row.lines.map((l) => ({
      courseId: l.courseId,
      priceMinor: l.priceMinor,
      currency: l.currency,
    })),
    total: { amountMinor: row.totalMinor, currency: row.currency },
    status: row.status,
    paymentId: row.paymentId,
    refundId: row.refundId,
    history: row.statusChanges.map((c) => ({
      from: c.fromStatus,
      to: c.toStatus,
      reason: c.reason,
      at: c.at,
    })),
  });
}
