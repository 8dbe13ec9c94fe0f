import { Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { OrderNotFoundError } from '../domain/order.errors.js';
import { orderCompletedEvent } from '../order-messages.js';
import { OrdersRepository } from '../orders.repository.js';
import type { EventOutcome } from '../event-outcome.js';

type SeatGranted = ShopEvent<'enrollment.seat-granted.v1'>;

/**
 * enrollment granted every seat of the order: ENROLLING → COMPLETED and
 * `order.completed.v1` in the outbox, in one transaction with the inbox entry
 * that makes a redelivery a no-op.
 */
@Injectable()
export class CompleteOrderHandler {
  private readonly logger = new Logger(CompleteOrderHandler.name);

  constructor(private readonly orders: OrdersRepository) {}

  execute(event: SeatGranted): Promise<EventOutcome> {
    const { orderId } = event.data;
    return this.orders.inTransaction(async (tx) => {
      if (!(await tx.claimMessage(event.id))) return 'duplicate';
      const order = await tx.lockOrder(orderId);
      // Thrown, so the consumer retries and then dead-letters it with this reason.
      if (!order) throw new OrderNotFoundError(orderId);
      if (order.snapshot.status !== 'ENROLLING') {
        this.logger.warn({
          orderId,
          status: order.snapshot.status,
          msg: 'seats granted for an order not enrolling; ignored',
        });
        return 'ignored';
      }
      const change = order.seatsGranted(new Date());
      await tx.recordChanges(order, [change]);
      await tx.enqueue(orderCompletedEvent(order, change.at, event.correlationid));
      return 'applied';
    });
  }
}
