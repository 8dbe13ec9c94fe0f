import { Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { refuse, type Refusal } from '@shop/messaging';
import { Payments } from '../../payments/payments.port.js';
import type { Order } from '../domain/order.js';
import { checkSeatRejected } from '../domain/seat-event-check.js';
import type { EventOutcome } from '../event-outcome.js';
import { orderCancelledEvent, orderCancelledV2Event } from '../order-messages.js';
import { OrdersRepository } from '../orders.repository.js';
import { refundOrder } from './refund-order.js';

type SeatRejected = ShopEvent<'enrollment.seat-rejected.v1'>;

/**
 * The compensation: enrollment could not grant the seats of a paid order, so
 * the payment is refunded (payment's own transaction, idempotent by a key
 * derived from the order) and then, in one local transaction, the order is
 * CANCELLED with the refund id and both `order.cancelled.v1` and
 * `order.cancelled.v2` go to the outbox (v1 until its last consumer is gone).
 * If payment is unavailable nothing changes here and the error asks the
 * consumer to deliver the event again later. An event that contradicts the
 * order (none such, another learner, a course not in it, an order completed
 * or never enrolling) refunds nothing and is refused: the consumer
 * dead-letters it.
 */
@Injectable()
export class CompensateOrderHandler {
  private readonly logger = new Logger(CompensateOrderHandler.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly payments: Payments,
  ) {}

  async execute(event: SeatRejected): Promise<EventOutcome | Refusal> {
    // A handled event must not refund again, even though a refund would be idempotent.
    if (await this.orders.hasHandled(event.id)) return 'duplicate';
    const { orderId } = event.data;
    const order = await this.orders.byId(orderId);
    const check = checkSeatRejected(order?.snapshot, event.data);
    if (check.kind === 'refuse') {
      this.logger.warn({ orderId, eventId: event.id, msg: check.reason });
      return refuse(check.code, check.reason);
    }
    if (check.kind !== 'apply' || !order) return this.recordIgnored(event);
    const refundId = await refundOrder(this.payments, order, 'COURSE_FULL');
    return this.cancel(event, refundId);
  }

  private cancel(event: SeatRejected, refundId: string): Promise<EventOutcome> {
    const { orderId, reason, detail } = event.data;
    return this.orders.inTransaction(async (tx) => {
      if (!(await tx.claimMessage(event.id))) return 'duplicate';
      const order = await tx.lockOrder(orderId);
      if (!order || !this.isCompensable(order)) return 'ignored';
      const why = `seats rejected: ${reason}${detail === undefined ? '' : ` (${detail})`}`;
      const change = order.cancelledAfterRefund(why, refundId, new Date());
      await tx.recordChanges(order, [change]);
      await tx.enqueue(orderCancelledEvent(order, reason, change.at, event.correlationid));
      await tx.enqueue(
        orderCancelledV2Event(order, { reason, refundId }, change.at, event.correlationid),
      );
      return 'applied';
    });
  }

  private isCompensable(order: Order): boolean {
    return order.snapshot.status === 'ENROLLING';
  }

  private recordIgnored(event: SeatRejected): Promise<EventOutcome> {
    this.logger.warn({
      orderId: event.data.orderId,
      msg: 'seats rejected for an order not enrolling; ignored',
    });
    return this.orders.inTransaction(async (tx): Promise<EventOutcome> => {
      await tx.claimMessage(event.id);
      return 'ignored';
    });
  }
}
