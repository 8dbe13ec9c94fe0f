import { Injectable } from '@nestjs/common';
import { batchLoader, isUuid, type LoadersFactory } from '@shop/subgraph';
import type DataLoader from 'dataloader';
import { ReceiptsRepository } from '../receipts.repository.js';

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
  constructor(private readonly receipts: ReceiptsRepository) {}

  forRequest(learnerId: string | undefined): NotificationLoaders {
    if (learnerId === undefined) return { receiptByOrderId: undefined };
    return {
      receiptByOrderId: batchLoader(
        async (orderIds) => {
          const ids = orderIds.filter(isUuid);
          if (ids.length === 0) return [];
          const found = await this.receipts.findOfLearner(learnerId, ids);
          return found.map(({ id, orderId, sentAt, body }) => ({ id, orderId, sentAt, body }));
        },
        (receipt) => receipt.orderId,
      ),
    };
  }
}
