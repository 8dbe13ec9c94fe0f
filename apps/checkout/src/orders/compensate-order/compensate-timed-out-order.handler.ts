import { Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { refuse, type Refusal } from '@shop/messaging';
import { Payments } from '../../payments/payments.port.js';
import { ENROLLMENT_TIMEOUT } from '../domain/order.js';
import { checkGrantCancelled } from '../domain/seat-event-check.js';
import type { EventOutcome } from '../event-outcome.js';
import { orderCancelledV2Event } from '../order-messages.js';
import { OrdersRepository } from '../orders.repository.js';
import { refundOrder } from './refund-order.js';

type GrantCancelled = ShopEvent<'enrollment.grant-cancelled.v1'>;

/**
 * The compensation of an order that waited for its seats past the enrollment
 * deadline: enrollment confirmed the grant is cancelled (its seats released,
 * or none will ever be granted), so the payment is refunded (reason
 * ENROLLMENT_TIMEOUT, idempotent by the order's refund key) and then, in one
 * local transaction with the inbox entry, the order is CANCELLED with reason
 * `enrollment-timeout` and the refund id, and `order.cancelled.v2` (reason
 * ENROLLMENT_TIMEOUT) goes to the outbox. Payment unavailable: nothing
 * changes, and the event is delivered again. An answer checkout never asked
 * for, or one contradicting the order, refunds nothing and is refused.
 *
 * No `order.cancelled.v1`: its `reason` has no value for this cause, which is
 * why v2 exists (a new enum value is a new version, docs/patterns/events.md).
 */
@Injectable()
export class CompensateTimedOutOrderHandler {
  private readonly logger = new Logger(CompensateTimedOutOrderHandler.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly payments: Payments,
  ) {}

  async execute(event: GrantCancelled): Promise<EventOutcome | Refusal> {
    // A handled event must not refund again, even though a refund would be idempotent.
    if (await this.orders.hasHandled(event.id)) return 'duplicate';
    const { orderId } = event.data;
    const order = await this.orders.byId(orderId);
    const check = checkGrantCancelled(order?.snapshot, event.data);
    if (check.kind === 'refuse') {
      this.logger.warn({ orderId, eventId: event.id, msg: check.reason });
      return refuse(check.code, check.reason);
    }
    if (check.kind !== 'apply' || !order) return this.recordIgnored(event);
    const refundId = await refundOrder(this.payments, order, 'ENROLLMENT_TIMEOUT');
    return this.cancel(event, refundId);
  }

  private cancel(event: GrantCancelled, refundId: string): Promise<EventOutcome> {
    const { orderId, released } = event.data;
    return this.orders.inTransaction(async (tx) => {
      if (!(await tx.claimMessage(event.id))) return 'duplicate';
      const order = await tx.lockOrder(orderId);
      // Compensated meanwhile (a seat rejection): the same refund, already recorded.
      if (order?.snapshot.status !== 'ENROLLING') return 'ignored';
      const seats =
        released.length === 0 ? 'no seat had been granted' : `${released.length} seat(s) released`;
      const why = `${ENROLLMENT_TIMEOUT}: enrollment cancelled the grant (${seats})`;
      const change = order.cancelledAfterRefund(why, refundId, new Date());
      await tx.recordChanges(order, [change]);
      const reason = 'ENROLLMENT_TIMEOUT';
      await tx.enqueue(
        orderCancelledV2Event(order, { reason, refundId }, change.at, event.correlationid),
      );
      return 'applied';
    });
  }

  private recordIgnored(event: GrantCancelled): Promise<EventOutcome> {
    this.logger.log({ orderId: event.data.orderId, msg: 'order already compensated; ignored' });
    return this.orders.inTransaction(async (tx): Promise<EventOutcome> => {
      await tx.claimMessage(event.id);
      return 'ignored';
    });
  }
}
