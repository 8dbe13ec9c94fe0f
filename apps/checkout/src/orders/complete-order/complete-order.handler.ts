import { Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { refuse, type Refusal } from '@shop/messaging';
import { checkSeatsGranted } from '../domain/seat-event-check.js';
import { orderCompletedEvent } from '../order-messages.js';
import { OrdersRepository } from '../orders.repository.js';
import type { EventOutcome } from '../event-outcome.js';

type SeatGranted = ShopEvent<'enrollment.seat-granted.v1'>;

/**
 * enrollment granted every seat of the order: ENROLLING → COMPLETED and
 * `order.completed.v1` in the outbox, in one transaction with the inbox entry
 * that makes a redelivery a no-op. An event that contradicts the order (none
 * such, another learner or other courses, an order that cannot be enrolling)
 * changes nothing and is refused: the consumer dead-letters it. Seats granted
 * after checkout asked enrollment to cancel the grant are ignored: the
 * cancellation releases them, and its answer decides the order.
 */
@Injectable()
export class CompleteOrderHandler {
  private readonly logger = new Logger(CompleteOrderHandler.name);

  constructor(private readonly orders: OrdersRepository) {}

  execute(event: SeatGranted): Promise<EventOutcome | Refusal> {
    const { orderId } = event.data;
    return this.orders.inTransaction(async (tx): Promise<EventOutcome | Refusal> => {
      const order = await tx.lockOrder(orderId);
      // Checked before the inbox claim: a refused event leaves no trace to skip it by.
      const check = checkSeatsGranted(order?.snapshot, event.data);
      if (check.kind === 'refuse') {
        this.logger.warn({ orderId, eventId: event.id, msg: check.reason });
        return refuse(check.code, check.reason);
      }
      if (!(await tx.claimMessage(event.id))) return 'duplicate';
      if (check.kind === 'superseded') {
        this.logger.log({ orderId, msg: `${check.reason}; ignored` });
        return 'ignored';
      }
      if (check.kind === 'already-applied' || !order) {
        this.logger.log({ orderId, msg: 'seats granted again for a completed order; ignored' });
        return 'ignored';
      }
      const change = order.seatsGranted(new Date());
      await tx.recordChanges(order, [change]);
      await tx.enqueue(orderCompletedEvent(order, change.at, event.correlationid));
      return 'applied';
    });
  }
}
