import { Inject, Injectable } from '@nestjs/common';
import { inbox } from '@shop/idempotency';
import { Outbox, type NewOutboxMessage } from '@shop/outbox';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Order } from './domain/order.js';
import type { StatusChange } from './domain/order-status.js';
import { ORDER_INCLUDE, orderData, toOrder } from './order.rows.js';
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

  async insert(order: Order): Promise<Order> {
    try {
      // Nothing to read back: the domain object is what was written.
      await this.prisma.order.create({ data: orderData(order), select: { id: true } });
      return order;
    } catch (error) {
      // Two runners of one key (a lease taken over): the first order wins.
      const existing = isUniqueViolation(error)
        ? await this.byIdempotencyKey(order.snapshot.idempotencyKey)
        : undefined;
      if (!existing) throw error;
      return existing;
    }
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
    return this.prisma.$transaction(
      (tx) => work(this.transactionOf(tx)),
      options.timeoutMs === undefined ? undefined : { timeout: options.timeoutMs },
    );
  }

  private transactionOf(tx: Prisma.TransactionClient): OrderTransaction {
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

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
