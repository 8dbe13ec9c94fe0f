import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { inbox } from '@shop/idempotency';
import { PrismaClient } from '../../generated/prisma/client.js';
import { receiptBody } from './receipt-body.js';

/**
 * Records and "sends" the receipt of a completed order. The receipts table is
 * the mail sink: a row is a mail sent. Once per event (the inbox, in the same
 * transaction) and once per order (unique order id), whatever is redelivered.
 */
@Injectable()
export class SendReceiptHandler {
  private readonly logger = new Logger(SendReceiptHandler.name);

  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async execute(event: ShopEvent<'order.completed.v1'>): Promise<void> {
    const order = event.data;
    const sent = await this.prisma.$transaction(async (tx) => {
      if (!(await inbox.claim(tx, event.id))) return false;
      // Another event about the same order (a re-publication) must not mail twice either.
      const { count } = await tx.receipt.createMany({
        data: [
          {
            orderId: order.orderId,
            learnerId: order.learnerId,
            body: receiptBody(order),
            sentAt: new Date(),
          },
        ],
        skipDuplicates: true,
      });
      return count === 1;
    });
    // Ids only: no address, no name, no amounts in the logs.
    if (sent) this.logger.log({ orderId: order.orderId, eventId: event.id, msg: 'receipt sent' });
    else
      this.logger.log({
        orderId: order.orderId,
        eventId: event.id,
        msg: 'receipt already sent; duplicate skipped',
      });
  }
}
