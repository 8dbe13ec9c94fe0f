import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@shop/platform';
import { CancelStuckEnrollmentsHandler } from './cancel-stuck-enrollments.handler.js';
import { ORDER_DEADLINES, type OrderDeadlines } from './order-deadlines.js';
import { ResolveStuckOrdersHandler } from './resolve-stuck-orders.handler.js';

/**
 * Runs the stuck-order resolution (orders past their payment deadline, then
 * orders past their enrollment deadline) every `sweepIntervalMs` while checkout runs
 * — a poller, like the outbox relay's. One run at a time per process; several
 * instances may sweep at once (each order is resolved under its row lock).
 */
@Injectable()
export class StuckOrdersSweep extends PeriodicTask {
  constructor(
    private readonly resolveStuckOrders: ResolveStuckOrdersHandler,
    private readonly cancelStuckEnrollments: CancelStuckEnrollmentsHandler,
    @Inject(ORDER_DEADLINES) deadlines: OrderDeadlines,
  ) {
    super({ name: 'the stuck-order sweep', intervalMs: deadlines.sweepIntervalMs });
  }

  protected async runOnce(): Promise<void> {
    const { resolved, refunded } = await this.resolveStuckOrders.execute();
    const cancelRequested = await this.cancelStuckEnrollments.execute();
    if (resolved + refunded + cancelRequested > 0) {
      this.logger.log({ resolved, refunded, cancelRequested, msg: 'resolved stuck orders' });
    }
  }
}
