import { Injectable, Logger } from '@nestjs/common';
import { assertUnreachable, type ShopEvent } from '@shop/contracts';
import { refuse, type Refusal } from '@shop/messaging';
import { receiptBody } from '../domain/receipt-body.js';
import { checkAgainstReceipt } from '../domain/receipt-check.js';
import { ReceiptsRepository } from '../receipts.repository.js';

/**
 * Records and "sends" the receipt of a completed order. The receipts table is
 * the mail sink: a row is a mail sent. Once per event and once per order,
 * whatever is redelivered; an event that contradicts the receipt already sent
 * (another learner, other lines or total) is refused, and the consumer
 * dead-letters it.
 */
@Injectable()
export class SendReceiptHandler {
  private readonly logger = new Logger(SendReceiptHandler.name);

  constructor(private readonly receipts: ReceiptsRepository) {}

  async execute(event: ShopEvent<'order.completed.v1'>): Promise<Refusal | undefined> {
    const order = event.data;
    // Events of one order share a key, hence a partition: none races this read.
    const decision = checkAgainstReceipt(await this.receipts.ofOrder(order.orderId), order);
    switch (decision.kind) {
      case 'contradiction':
        this.logger.warn({ orderId: order.orderId, eventId: event.id, msg: decision.reason });
        return refuse('CONTRADICTION', decision.reason);
      case 'send':
      case 'already-sent': {
        const sent = await this.receipts.recordOnce(event.id, {
          orderId: order.orderId,
          learnerId: order.learnerId,
          body: receiptBody(order),
          sentAt: new Date(),
        });
        // Ids only: no address, no name, no amounts in the logs.
        const msg = sent ? 'receipt sent' : 'receipt already sent; duplicate skipped';
        this.logger.log({ orderId: order.orderId, eventId: event.id, msg });
        return undefined;
      }
      default:
        return assertUnreachable(decision);
    }
  }
}
