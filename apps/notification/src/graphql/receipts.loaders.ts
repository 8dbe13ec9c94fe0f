import { Inject, Injectable } from '@nestjs/common';
import { batchLoader, isUuid, type LoadersFactory } from '@shop/subgraph';
import type DataLoader from 'dataloader';
import { PrismaClient } from '../generated/prisma/client.js';
/** A receipt as the graph shows it (the e-mail address stays out). */
export interface ReceiptView {
  readonly id: string;
  readonly orderId: string;
  readonly sentAt: Date;
  readonly body: string;
}

/** One request's loaders; undefined without a signed-in learner (receipts are private). */
export interface NotificationLoaders {
  readonly receiptByOrderId: DataLoader<string, ReceiptView | undefined> | undefined;
}

/** The receipts of many orders, of one learner, in one query. */
@Injectable()
export class NotificationLoadersFactory implements LoadersFactory<NotificationLoaders> {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  forRequest(learnerId: string | undefined): NotificationLoaders {
    if (learnerId === undefined) return { receiptByOrderId: undefined };
    return {
      receiptByOrderId: batchLoader(
        async (orderIds) => {
          const ids = orderIds.filter(isUuid);
          if (ids.length === 0) return [];
          return this.prisma.receipt.findMany({
            where: { orderId: { in: ids }, learnerId },
            select: { id: true, orderId: true, sentAt: true, body: true },
          });
        },
        (receipt) => receipt.orderId,
      ),
    };
  }
}
