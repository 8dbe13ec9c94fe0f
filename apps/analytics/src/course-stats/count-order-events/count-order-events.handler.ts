import { Injectable, Logger } from '@nestjs/common';
import type { OrderLine, ShopEvent } from '@shop/contracts';
import { refuse, type Refusal } from '@shop/messaging';
import { CourseStatsRepository } from '../course-stats.repository.js';
import { cancellation, conversion, type CourseStatsIncrement } from '../domain/course-stats.js';
import { countedOrderOf, type CountedOrder } from '../domain/order-ledger.js';

/**
 * Per-course conversions, revenue and cancellations from order events. Each
 * event counts once, and each order once: the repository claims the event id
 * and records the order with the increments. An event that contradicts the
 * order as counted is refused, and the consumer dead-letters it.
 */
@Injectable()
export class CountOrderEventsHandler {
  private readonly logger = new Logger(CountOrderEventsHandler.name);

  constructor(private readonly stats: CourseStatsRepository) {}

  orderCompleted(event: ShopEvent<'order.completed.v1'>): Promise<Refusal | undefined> {
    const order = countedOrderOf('COMPLETED', event.data);
    return this.count(event, order, event.data.lines.map(conversion), 'conversion counted');
  }

  /**
   * `order.cancelled.v2`, every refunded cancellation whatever its reason
   * (seats rejected, enrollment or payment past its deadline). analytics no
   * longer reads v1, which cannot say the timeouts: an order that v1 and v2
   * both announce is counted once anyway (`counted_orders`).
   */
  orderCancelled(event: ShopEvent<'order.cancelled.v2'>): Promise<Refusal | undefined> {
    const order = countedOrderOf('CANCELLED', event.data);
    return this.count(event, order, event.data.lines.map(cancellation), 'cancellation counted');
  }

  private async count(
    event: { readonly id: string; readonly data: { readonly lines: readonly OrderLine[] } },
    order: CountedOrder,
    increments: CourseStatsIncrement[],
    msg: string,
  ): Promise<Refusal | undefined> {
    const result = await this.stats.countOnce(event.id, order, increments);
    const where = { orderId: order.orderId, eventId: event.id };
    if (typeof result === 'object') {
      this.logger.warn({ ...where, msg: result.contradiction });
      return refuse('CONTRADICTION', result.contradiction);
    }
    this.logger.log({ ...where, counted: result === 'counted', msg });
    return undefined;
  }
}
