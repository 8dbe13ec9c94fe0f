import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client.js';
import { ORDER_INCLUDE, toOrder } from '../orders/order.rows.js';
import { toOrderView, type OrderView } from '../orders/order.view.js';

/** One order of a learner's list, with the position its cursor continues from. */
export interface OrderListEntry {
  readonly order: OrderView;
  readonly createdAt: Date;
}

/** Where a page of a learner's orders continues: strictly older than this order. */
export interface OrderListPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/**
 * The reads the graph needs that the order use cases do not: many orders by
 * id in one query (for a DataLoader) and a learner's orders, newest first, a
 * keyset page at a time (index orders(learner_id, created_at)).
 */
@Injectable()
export class OrderReads {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async byIds(ids: readonly string[]): Promise<OrderView[]> {
    const rows = await this.prisma.order.findMany({
      where: { id: { in: [...ids] } },
      include: ORDER_INCLUDE,
    });
    return rows.map((row) => toOrderView(toOrder(row)));
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
    return rows.map((row) => ({ order: toOrderView(toOrder(row)), createdAt: row.createdAt }));
  }
}
