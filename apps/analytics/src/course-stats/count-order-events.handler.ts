import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { inbox } from '@shop/idempotency';
import { PrismaClient } from '../generated/prisma/client.js';
import { addToCourseStats, type CourseStatsDelta } from './course-stats.update.js';

const conversion = (priceMinor: number): CourseStatsDelta => ({
  conversions: 1,
  cancellations: 0,
  revenueMinor: BigInt(priceMinor),
});
const cancellation: CourseStatsDelta = { conversions: 0, cancellations: 1, revenueMinor: 0n };

/**
 * Per-course conversions, revenue and cancellations from order events. Each
 * event counts once: its id is claimed in the inbox in the same transaction
 * as the increments.
 */
@Injectable()
export class CountOrderEventsHandler {
  private readonly logger = new Logger(CountOrderEventsHandler.name);

  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async orderCompleted(event: ShopEvent<'order.completed.v1'>): Promise<void> {
    const counted = await this.prisma.$transaction(async (tx) => {
      if (!(await inbox.claim(tx, event.id))) return false;
      for (const line of event.data.lines)
        await addToCourseStats(tx, line, conversion(line.priceMinor));
      return true;
    });
    this.logger.log({
      orderId: event.data.orderId,
      eventId: event.id,
      counted,
      msg: 'conversion counted',
    });
  }

  async orderCancelled(event: ShopEvent<'order.cancelled.v1'>): Promise<void> {
    const counted = await this.prisma.$transaction(async (tx) => {
      if (!(await inbox.claim(tx, event.id))) return false;
      for (const line of event.data.lines) await addToCourseStats(tx, line, cancellation);
      return true;
    });
    this.logger.log({
      orderId: event.data.orderId,
      eventId: event.id,
      counted,
      msg: 'cancellation counted',
    });
  }
}
