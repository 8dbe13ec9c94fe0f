import { Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { receiptBody } from '../domain/receipt-body.js';
import { ReceiptsRepository } from '../receipts.repository.js';

/**
 * Records and "sends" the receipt of a completed order. The receipts table is
 * the mail sink: a row is a mail sent. Once per event and once per order,
 * whatever is redelivered.
 */
@Injectable()
export class SendReceiptHandler {
  private readonly logger = new Logger(SendReceiptHandler.name);

  constructor(private readonly receipts: ReceiptsRepository) {}

  async execute(event: ShopEvent<'order.completed.v1'>): Promise<void> {
    const order = event.data;
    const sent = await this.receipts.recordOnce(event.id, {
      orderId: order.orderId,
      learnerId: order.learnerId,
      body: receiptBody(order),
      sentAt: new Date(),
    });
    // Ids only: no address, no name, no amounts in the logs.
    const msg = sent ? 'receipt sent' : 'receipt already sent; duplicate skipped';
    this.logger.log({ orderId: order.orderId, eventId: event.id, msg });
  }
}
