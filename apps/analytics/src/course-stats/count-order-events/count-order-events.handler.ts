import { Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { CourseStatsRepository } from '../course-stats.repository.js';
import { cancellation, conversion } from '../domain/course-stats.js';

/**
 * Per-course conversions, revenue and cancellations from order events. Each
 * event counts once: the repository claims its id with the increments.
 */
@Injectable()
export class CountOrderEventsHandler {
  private readonly logger = new Logger(CountOrderEventsHandler.name);

  constructor(private readonly stats: CourseStatsRepository) {}

  async orderCompleted(event: ShopEvent<'order.completed.v1'>): Promise<void> {
    const counted = await this.stats.countOnce(event.id, event.data.lines.map(conversion));
    this.logger.log({
      orderId: event.data.orderId,
      eventId: event.id,
      counted,
      msg: 'conversion counted',
    });
  }

  async orderCancelled(event: ShopEvent<'order.cancelled.v1'>): Promise<void> {
    const counted = await this.stats.countOnce(event.id, event.data.lines.map(cancellation));
    this.logger.log({
      orderId: event.data.orderId,
      eventId: event.id,
      counted,
      msg: 'cancellation counted',
    });
  }
}
