import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { assertUnreachable } from '@shop/contracts';
import type { StoredResponse, TransactionalKey } from '@shop/idempotency';
import { annotateActiveSpan, currentCorrelationId, ShopAttributes } from '@shop/tracing';
import { CoursesRepository } from '../../catalog/courses.repository.js';
import { Payments } from '../../payments/payments.port.js';
import { Order, type OrderLine } from '../domain/order.js';
import {
  PaymentDeclinedError,
  OrderKeyTakenError,
  PaymentUnavailableError,
  UnknownCoursesError,
} from '../domain/order.errors.js';
import { seatCommand } from '../order-messages.js';
import { OrdersRepository } from '../orders.repository.js';
import { authorizeKeyOf } from '../payment-keys.js';
import {
  defaultOrderDeadlines,
  ORDER_DEADLINES,
  type OrderDeadlines,
} from '../resolve-stuck-orders/order-deadlines.js';
import type { PlaceOrderCommand } from './place-order.command.js';

/**
 * The request's idempotency key, held in the order's own transactions
 * (ADR 0040): claimed in the one that inserts the order, completed in the one
 * that records the outcome of the synchronous part (paid and enrolling, or
 * declined) — no commit of its own on the way.
 */
export interface PlaceOrderKey {
  readonly key: TransactionalKey;
  /** The transport's answer to this outcome: stored under the key in the outcome's commit. */
  answer(outcome: Order | PaymentDeclinedError): StoredResponse;
}

/**
 * Places an order and pays for it: PENDING_PAYMENT → (authorize) → PAID →
 * ENROLLING with the grant-seat command in the outbox, in one transaction.
 * Idempotent by the request's key in its own data too: a retry after a crash
 * finds the order by its key and resumes where it stopped — until the
 * payment deadline: from then on the stuck-order sweep owns the order, and a
 * retry no longer asks payment.
 */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly courses: CoursesRepository,
    private readonly payments: Payments,
    @Optional()
    @Inject(ORDER_DEADLINES)
    private readonly deadlines: OrderDeadlines = defaultOrderDeadlines,
  ) {}

  async execute(command: PlaceOrderCommand, requestKey?: PlaceOrderKey): Promise<Order> {
    // A retry of a key whose order exists gets that order back from `insert`.
    const order = await this.place(command, requestKey);
    const { status } = order.snapshot;
    if (status === 'PENDING_PAYMENT') {
      if (this.pastPaymentDeadline(order)) {
        // The sweep resolves it (one lookup), so it is never charged behind its back.
        throw new PaymentUnavailableError('outcome-unknown', this.deadlines.sweepIntervalMs);
      }
      return this.pay(order, command, requestKey);
    }
    const declined = order.declineReason;
    if (declined !== undefined) throw new PaymentDeclinedError(order.snapshot.id, declined);
    return order;
  }

  private async place(command: PlaceOrderCommand, requestKey?: PlaceOrderKey): Promise<Order> {
    const lines = await this.linesAtCatalogPrices(command.courseIds);
    const order = Order.place(
      { id: randomUUID(), idempotencyKey: command.idempotencyKey, learnerId: command.learnerId },
      lines,
      new Date(),
    );
    const stored = await this.orders.insert(order, requestKey?.key);
    if (stored !== order && !placedBy(stored, command)) {
      throw new OrderKeyTakenError(command.idempotencyKey);
    }
    // The request's span names its order, so a purchase that never reached the
    // outbox (a declined card) is found by order id too.
    annotateActiveSpan({ [ShopAttributes.orderId]: stored.snapshot.id });
    return stored;
  }

  private async linesAtCatalogPrices(courseIds: readonly string[]): Promise<OrderLine[]> {
    const found = new Map((await this.courses.byIds(courseIds)).map((c) => [c.id, c]));
    const lines: OrderLine[] = [];
    const unknown: string[] = [];
    for (const courseId of courseIds) {
      const price = found.get(courseId)?.price;
      if (price) lines.push({ courseId, priceMinor: price.amountMinor, currency: price.currency });
      else unknown.push(courseId);
    }
    if (unknown.length > 0) throw new UnknownCoursesError(unknown);
    return lines;
  }

  private async pay(
    order: Order,
    command: PlaceOrderCommand,
    requestKey?: PlaceOrderKey,
  ): Promise<Order> {
    const { id, learnerId, total } = order.snapshot;
    const outcome = await this.payments.authorize({
      orderId: id,
      learnerId,
      idempotencyKey: authorizeKeyOf(command.idempotencyKey),
      amount: total,
      cardToken: command.cardToken,
    });
    switch (outcome.kind) {
      case 'authorized':
        return this.requestSeats(order, outcome.paymentId, requestKey);
      case 'declined': {
        const reason = outcome.reason.replace(/^DECLINE_REASON_/, '');
        const declined = new PaymentDeclinedError(id, reason);
        await this.cancelDeclined(order, declined, requestKey);
        throw declined;
      }
      case 'unavailable':
        // The order stays PENDING_PAYMENT; a retry with the same key resumes it.
        throw new PaymentUnavailableError(outcome.reason, outcome.retryAfterMs);
      default:
        return assertUnreachable(outcome);
    }
  }

  // PAID and ENROLLING and the command: one transaction, so no paid order
  // can exist without its command, nor a command without a paid order. No
  // lock or re-read: the order in hand is PENDING_PAYMENT, and recordChanges
  // writes only if the stored one still is (compare-and-set), so of two
  // runners of one key exactly one enqueues the command. The request's answer
  // is stored under its key in the same commit.
  private async requestSeats(
    order: Order,
    paymentId: string,
    requestKey?: PlaceOrderKey,
  ): Promise<Order> {
    const now = new Date();
    const changes = [order.paymentAuthorized(paymentId, now), order.enrollmentRequested(now)];
    const command = seatCommand(
      'enrollment.grant-seat.v1',
      order.snapshot.idempotencyKey,
      order,
      now,
      currentCorrelationId() ?? randomUUID(),
    );
    const applied = await this.orders.inTransaction(async (tx) => {
      if (!(await tx.recordChanges(order, changes))) return false;
      await tx.enqueue(command);
      if (requestKey) await tx.completeKey(requestKey.key, requestKey.answer(order));
      return true;
    });
    if (applied) return order;
    const stored = await this.reload(order);
    if (stored.snapshot.status === 'CANCELLED' && stored.snapshot.paymentId === null) {
      // Cancelled at its deadline while this charge was on its way: the sweep refunds it.
      await this.orders.recordLatePayment(stored.snapshot.id, paymentId);
      return this.reload(order);
    }
    return stored;
  }

  private pastPaymentDeadline(order: Order): boolean {
    const now = this.deadlines.now?.() ?? new Date();
    return now.getTime() - order.placedAt.getTime() >= this.deadlines.paymentDeadlineMs;
  }

  private async cancelDeclined(
    order: Order,
    declined: PaymentDeclinedError,
    requestKey?: PlaceOrderKey,
  ): Promise<void> {
    const change = order.paymentDeclined(declined.declineReason, new Date());
    await this.orders.inTransaction(async (tx) => {
      // False when another runner of the key moved it first: nothing to undo.
      if (!(await tx.recordChanges(order, [change]))) return;
      if (requestKey) await tx.completeKey(requestKey.key, requestKey.answer(declined));
    });
  }

  // The other runner's result, as stored.
  private async reload(order: Order): Promise<Order> {
    const stored = await this.orders.byId(order.snapshot.id);
    if (!stored) throw new Error(`order ${order.snapshot.id} vanished`);
    return stored;
  }
}

// The order a key already placed answers a retry only if the retry asks for
// the same thing: same learner, same courses.
function placedBy(order: Order, command: PlaceOrderCommand): boolean {
  const { learnerId, lines } = order.snapshot;
  const courses = new Set(lines.map((line) => line.courseId));
  return (
    learnerId === command.learnerId &&
    courses.size === command.courseIds.length &&
    command.courseIds.every((id) => courses.has(id))
  );
}
