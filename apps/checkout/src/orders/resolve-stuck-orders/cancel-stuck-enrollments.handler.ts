import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { seatCommand } from '../order-messages.js';
import { OrdersRepository } from '../orders.repository.js';
import { ORDER_DEADLINES, type OrderDeadlines } from './order-deadlines.js';

const BATCH = 50;

/**
 * Finds orders ENROLLING past the enrollment deadline — enrollment never
 * answered: its command was parked, lost, or is still retrying — and asks
 * enrollment, once, to cancel the grant. Under the order's row lock, in one
 * transaction, the order's history records the request (the status stays
 * ENROLLING) and `enrollment.cancel-grant.v1` goes to the outbox; the history
 * entry is also what keeps a later run from asking again. Enrollment decides
 * in its own database whether seats were granted, releases them, and answers
 * `grant-cancelled`, on which the order is refunded and cancelled
 * (`CompensateTimedOutOrderHandler`).
 */
@Injectable()
export class CancelStuckEnrollmentsHandler {
  private readonly logger = new Logger(CancelStuckEnrollmentsHandler.name);

  constructor(
    private readonly orders: OrdersRepository,
    @Inject(ORDER_DEADLINES) private readonly deadlines: OrderDeadlines,
  ) {}

  /** One run: how many cancel-grant commands it wrote. */
  async execute(): Promise<number> {
    const now = this.deadlines.now?.() ?? new Date();
    const cutoff = new Date(now.getTime() - this.deadlines.enrollmentDeadlineMs);
    let requested = 0;
    for (const order of await this.orders.enrollingPastDeadline(cutoff, BATCH)) {
      if (await this.requestCancel(order.snapshot.id, cutoff, now)) requested++;
    }
    return requested;
  }

  private requestCancel(orderId: string, cutoff: Date, now: Date): Promise<boolean> {
    const work = this.orders.inTransaction(async (tx) => {
      const order = await tx.lockOrder(orderId);
      const since = order?.enrollingSince;
      // Re-checked under the lock: enrollment may have answered since the query.
      if (order?.snapshot.status !== 'ENROLLING' || order.enrollmentCancelRequested) return false;
      if (!since || since >= cutoff) return false;
      const change = order.enrollmentTimedOut(now.getTime() - since.getTime(), now);
      if (!(await tx.recordChanges(order, [change]))) return false;
      await tx.enqueue(
        seatCommand(
          'enrollment.cancel-grant.v1',
          `cancel-grant-${order.snapshot.id}`,
          order,
          now,
          randomUUID(),
        ),
      );
      return true;
    });
    return work.catch((error: unknown) => {
      this.logger.warn({ orderId, err: error, msg: 'could not ask to cancel a grant; next run' });
      return false;
    });
  }
}
