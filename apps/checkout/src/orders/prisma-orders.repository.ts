import { Inject, Injectable } from '@nestjs/common';
import { inbox, type TransactionalKey } from '@shop/idempotency';
import { Outbox, type NewOutboxMessage } from '@shop/outbox';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Order } from './domain/order.js';
import type { StatusChange } from './domain/order-status.js';
import { ORDER_INCLUDE, toOrder } from './order.rows.js';
import {
  OrdersRepository,
  type OrderListEntry,
  type OrderListPosition,
  type OrderTransaction,
} from './orders.repository.js';

@Injectable()
export class PrismaOrdersRepository extends OrdersRepository {
  private readonly outbox = new Outbox();

  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  async byId(id: string): Promise<Order | undefined> {
    const row = await this.prisma.order.findUnique({ where: { id }, include: ORDER_INCLUDE });
    return row ? toOrder(row) : undefined;
  }

  async byIds(ids: readonly string[]): Promise<Order[]> {
    const rows = await this.prisma.order.findMany({
      where: { id: { in: [...ids] } },
      include: ORDER_INCLUDE,
    });
    return rows.map(toOrder);
  }

  async pageOfLearner(
    learnerId: string,
    after: OrderListPosition | undefined,
    limit: number,
  ): Promise<OrderListEntry[]> {
    const rows = await this.prisma.order.findMany({
      where: {
        learnerId,
        ...(after && {
          OR: [
            { createdAt: { lt: after.createdAt } },
            { createdAt: after.createdAt, id: { lt: after.id } },
          ],
        }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: ORDER_INCLUDE,
    });
    return rows.map((row) => ({ order: toOrder(row), createdAt: row.createdAt }));
  }

  async byIdempotencyKey(key: string): Promise<Order | undefined> {
    const row = await this.prisma.order.findUnique({
      where: { idempotencyKey: key },
      include: ORDER_INCLUDE,
    });
    return row ? toOrder(row) : undefined;
  }

  // One transaction, two statements: the request's key claimed, the order
  // inserted. The claim commits with the order, so a placed order always has
  // its key held, and a failed insert leaves the key free for a retry.
  insert(order: Order, key?: TransactionalKey): Promise<Order> {
    return this.transaction([key], async (tx) => {
      await key?.claimIn(tx);
      if (await insertOrder(tx, order)) return order;
      // Two runners of one key (a lease taken over): the first order wins.
      const existing = await tx.order.findUnique({
        where: { idempotencyKey: order.snapshot.idempotencyKey },
        include: ORDER_INCLUDE,
      });
      if (!existing) throw new Error(`order of key ${order.snapshot.idempotencyKey} vanished`);
      return toOrder(existing);
    });
  }

  async hasHandled(messageId: string): Promise<boolean> {
    const seen = await this.prisma.inboxMessage.findUnique({ where: { messageId } });
    return seen !== null;
  }

  async pendingPaymentPlacedBefore(placedBefore: Date, limit: number): Promise<Order[]> {
    const rows = await this.prisma.order.findMany({
      where: { status: 'PENDING_PAYMENT', createdAt: { lt: placedBefore } },
      orderBy: { createdAt: 'asc' },
      take: limit,
      include: ORDER_INCLUDE,
    });
    return rows.map(toOrder);
  }

  async enrollingPastDeadline(enrollingBefore: Date, limit: number): Promise<Order[]> {
    const rows = await this.prisma.order.findMany({
      where: {
        status: 'ENROLLING',
        createdAt: { lt: enrollingBefore },
        statusChanges: {
          some: { fromStatus: 'PAID', toStatus: 'ENROLLING', at: { lt: enrollingBefore } },
          // The cancel request is the one history entry that keeps the status.
          none: { fromStatus: 'ENROLLING', toStatus: 'ENROLLING' },
        },
      },
      orderBy: { createdAt: 'asc' },
      take: limit,
      include: ORDER_INCLUDE,
    });
    return rows.map(toOrder);
  }

  async refundsOwed(limit: number): Promise<Order[]> {
    const rows = await this.prisma.order.findMany({
      where: { status: 'CANCELLED', paymentId: { not: null }, refundId: null },
      take: limit,
      include: ORDER_INCLUDE,
    });
    return rows.map(toOrder);
  }

  async recordLatePayment(orderId: string, paymentId: string): Promise<void> {
    await this.prisma.order.updateMany({
      where: { id: orderId, status: 'CANCELLED', paymentId: null, refundId: null },
      data: { paymentId },
    });
  }

  recordRefund(
    orderId: string,
    refundId: string,
    announcement: NewOutboxMessage,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.order.updateMany({
        where: { id: orderId, status: 'CANCELLED', refundId: null },
        data: { refundId },
      });
      if (count === 0) return false;
      await this.outbox.enqueue(tx, announcement);
      return true;
    });
  }

  inTransaction<T>(
    work: (tx: OrderTransaction) => Promise<T>,
    options: { readonly timeoutMs?: number } = {},
  ): Promise<T> {
    const keys: TransactionalKey[] = [];
    return this.transaction(keys, (tx) => work(this.transactionOf(tx, keys)), options.timeoutMs);
  }

  // A transaction that tells the idempotency keys it wrote whether it
  // committed: what they claimed or stored holds only from the commit on.
  private async transaction<T>(
    keys: readonly (TransactionalKey | undefined)[],
    work: (tx: Prisma.TransactionClient) => Promise<T>,
    timeoutMs?: number,
  ): Promise<T> {
    let result: T;
    try {
      result = await this.prisma.$transaction(
        work,
        timeoutMs === undefined ? undefined : { timeout: timeoutMs },
      );
    } catch (error) {
      for (const key of keys) key?.rolledBack();
      throw error;
    }
    for (const key of keys) key?.committed();
    return result;
  }

  private transactionOf(tx: Prisma.TransactionClient, keys: TransactionalKey[]): OrderTransaction {
    return {
      claimMessage: (messageId) => inbox.claim(tx, messageId),
      lockOrder: async (id) => {
        await tx.$queryRaw`SELECT 1 FROM orders WHERE id = ${id}::uuid FOR UPDATE`;
        const row = await tx.order.findUnique({ where: { id }, include: ORDER_INCLUDE });
        return row ? toOrder(row) : undefined;
      },
      recordChanges: (order, changes) => recordChanges(tx, order, changes),
      enqueue: async (message: NewOutboxMessage) => {
        await this.outbox.enqueue(tx, message);
      },
      completeKey: (key, response) => {
        keys.push(key);
        return key.completeIn(tx, response);
      },
    };
  }
}

async function recordChanges(
  tx: Prisma.TransactionClient,
  order: Order,
  changes: readonly StatusChange[],
): Promise<boolean> {
  const { id, status, paymentId, refundId } = order.snapshot;
  const expected = changes[0]?.from;
  if (!expected) throw new Error('recordChanges needs at least one change from a stored status');
  const { count } = await tx.order.updateMany({
    where: { id, status: expected },
    data: { status, paymentId, refundId },
  });
  if (count === 0) return false;
  await tx.orderStatusChange.createMany({
    data: changes.map((change) => ({
      orderId: id,
      fromStatus: change.from,
      toStatus: change.to,
      reason: change.reason,
      at: change.at,
    })),
  });
  return true;
}

// The order, its lines and its first history entry in one statement (one
// round trip, where Prisma's nested create takes three). ON CONFLICT DO
// NOTHING, not a unique violation: an error would abort the transaction the
// key's claim is in. False when an order with the key already exists.
async function insertOrder(tx: Prisma.TransactionClient, order: Order): Promise<boolean> {
  const o = order.snapshot;
  const lines = o.lines.map((l) => ({
    course_id: l.courseId,
    price_minor: l.priceMinor,
    currency: l.currency,
  }));
  const history = o.history.map((c) => ({
    from_status: c.from,
    to_status: c.to,
    reason: c.reason,
    at: c.at.toISOString(),
  }));
  const placed = await tx.$queryRaw<{ id: string }[]>`
    WITH placed AS (
      INSERT INTO orders (id, idempotency_key, learner_id, status, total_minor, currency,
                          payment_id, refund_id, created_at, updated_at)
      VALUES (${o.id}::uuid, ${o.idempotencyKey}, ${o.learnerId}::uuid,
              ${o.status}::order_status, ${o.total.amountMinor}::int, ${o.total.currency},
              ${o.paymentId}::uuid, ${o.refundId}::uuid,
              ${order.placedAt}::timestamptz, ${order.placedAt}::timestamptz)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id
    ), lines AS (
      INSERT INTO order_lines (order_id, course_id, price_minor, currency)
      SELECT placed.id, l.course_id, l.price_minor, l.currency
        FROM placed, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
             AS l(course_id uuid, price_minor int, currency text)
    ), history AS (
      INSERT INTO order_status_changes (order_id, from_status, to_status, reason, at)
      SELECT placed.id, h.from_status, h.to_status, h.reason, h.at
        FROM placed, jsonb_to_recordset(${JSON.stringify(history)}::jsonb)
             AS h(from_status order_status, to_status order_status, reason text, at timestamptz)
    )
    SELECT id::text AS id FROM placed`;
  return placed.length === 1;
}
