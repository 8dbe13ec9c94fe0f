import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertUnreachable } from '@shop/contracts';
import { Payments, type AuthorizeOutcome } from '../../payments/payments.port.js';
import type { Order } from '../domain/order.js';
import type { StatusChange } from '../domain/order-status.js';
import { orderCancelledV2Event } from '../order-messages.js';
import { OrdersRepository } from '../orders.repository.js';
import { authorizeKeyOf, refundIdOf } from '../payment-keys.js';
import { ORDER_DEADLINES, type OrderDeadlines } from './order-deadlines.js';

const BATCH = 50;

/**
 * Resolves orders stuck in PENDING_PAYMENT past the payment deadline — the
 * client's call died, or payment's outcome stayed unknown — and gives back
 * charges that arrived after their order was cancelled. Each order is
 * resolved under its row lock, so a late retry of the same key cannot move it
 * meanwhile: payment is asked by the order's Authorize key (never charging);
 * declined → CANCELLED as a decline; nothing charged → CANCELLED with reason
 * `payment-outcome-unknown-timeout`; authorized → refunded, then CANCELLED
 * with that reason and the refund; still unknown → left for the next run.
 * Every refund it gives back is announced as `order.cancelled.v2` (reason
 * PAYMENT_OUTCOME_TIMEOUT) in the transaction that records it.
 */
@Injectable()
export class ResolveStuckOrdersHandler {
  private readonly logger = new Logger(ResolveStuckOrdersHandler.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly payments: Payments,
    @Inject(ORDER_DEADLINES) private readonly deadlines: OrderDeadlines,
  ) {}

  /** One run: returns how many orders it resolved and late charges it refunded. */
  async execute(): Promise<{ resolved: number; refunded: number }> {
    const now = this.deadlines.now?.() ?? new Date();
    const cutoff = new Date(now.getTime() - this.deadlines.paymentDeadlineMs);
    let resolved = 0;
    for (const order of await this.orders.pendingPaymentPlacedBefore(cutoff, BATCH)) {
      if (await this.resolve(order.snapshot.id, cutoff)) resolved++;
    }
    let refunded = 0;
    for (const order of await this.orders.refundsOwed(BATCH)) {
      if (await this.refundLateCharge(order)) refunded++;
    }
    return { resolved, refunded };
  }

  private resolve(orderId: string, cutoff: Date): Promise<boolean> {
    const work = this.orders.inTransaction(
      async (tx) => {
        const order = await tx.lockOrder(orderId);
        if (order?.snapshot.status !== 'PENDING_PAYMENT' || order.placedAt >= cutoff) return false;
        const key = authorizeKeyOf(order.snapshot.idempotencyKey);
        const change = await this.resolution(order, await this.payments.outcomeOf(key));
        if (!change) return false;
        if (!(await tx.recordChanges(order, [change]))) return false;
        const { refundId } = order.snapshot;
        if (refundId !== null) {
          const refunded = { reason: 'PAYMENT_OUTCOME_TIMEOUT', refundId } as const;
          await tx.enqueue(orderCancelledV2Event(order, refunded, change.at, randomUUID()));
        }
        return true;
      },
      { timeoutMs: this.deadlines.transactionTimeoutMs },
    );
    return work.catch((error: unknown) => {
      this.logger.warn({ orderId, err: error, msg: 'could not resolve a stuck order; next run' });
      return false;
    });
  }

  // The status change payment's answer calls for; undefined when it must wait.
  private async resolution(
    order: Order,
    outcome: AuthorizeOutcome,
  ): Promise<StatusChange | undefined> {
    const now = new Date();
    switch (outcome.kind) {
      case 'declined':
        return order.paymentDeclined(outcome.reason.replace(/^DECLINE_REASON_/, ''), now);
      case 'authorized': {
        const refundId = refundIdOf(order.snapshot.id);
        const refund = await this.payments.refund({
          paymentId: outcome.paymentId,
          idempotencyKey: refundId,
          reason: 'PAYMENT_OUTCOME_TIMEOUT',
        });
        if (refund.kind !== 'refunded') return undefined;
        return order.paymentTimedOut(now, { paymentId: outcome.paymentId, refundId });
      }
      case 'unavailable':
        return outcome.reason === 'not-charged' ? order.paymentTimedOut(now) : undefined;
      default:
        return assertUnreachable(outcome);
    }
  }

  private async refundLateCharge(order: Order): Promise<boolean> {
    const { id, paymentId } = order.snapshot;
    if (paymentId === null) return false;
    const refundId = refundIdOf(id);
    const refund = await this.payments.refund({
      paymentId,
      idempotencyKey: refundId,
      reason: 'PAYMENT_OUTCOME_TIMEOUT',
    });
    if (refund.kind !== 'refunded') return false;
    const refunded = { reason: 'PAYMENT_OUTCOME_TIMEOUT', refundId } as const;
    const announcement = orderCancelledV2Event(order, refunded, new Date(), randomUUID());
    return this.orders.recordRefund(id, refundId, announcement);
  }
}
