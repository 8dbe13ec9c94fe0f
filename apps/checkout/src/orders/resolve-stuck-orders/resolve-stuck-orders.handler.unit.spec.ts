import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakePayments } from '../../../test/support/fake-payments.js';
import { Order, PAYMENT_OUTCOME_TIMEOUT } from '../domain/order.js';
import { authorizeKeyOf, refundIdOf } from '../payment-keys.js';
import { InMemoryOrdersRepository } from '../testing/in-memory-orders.repository.js';
import { defaultOrderDeadlines } from './order-deadlines.js';
import { ResolveStuckOrdersHandler } from './resolve-stuck-orders.handler.js';

const DEADLINE_MS = 60_000;
const NOW = new Date('2026-12-07T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let orders: InMemoryOrdersRepository;
let payments: FakePayments;
let sweep: ResolveStuckOrdersHandler;
beforeEach(() => {
  orders = new InMemoryOrdersRepository();
  payments = new FakePayments();
  sweep = new ResolveStuckOrdersHandler(orders, payments, {
    ...defaultOrderDeadlines,
    paymentDeadlineMs: DEADLINE_MS,
    sweepIntervalMs: 1_000,
    transactionTimeoutMs: 5_000,
    now: () => NOW,
  });
});

async function pendingOrder(placedAt: Date): Promise<Order> {
  const order = Order.place(
    { id: randomUUID(), idempotencyKey: `key-${randomUUID()}`, learnerId: randomUUID() },
    [{ courseId: randomUUID(), priceMinor: 4900, currency: 'EUR' }],
    placedAt,
  );
  return orders.insert(order);
}

const stored = async (order: Order) => (await orders.byId(order.snapshot.id))!.snapshot;
const cancellations = () =>
  orders.state.outbox.filter(
    (m) => m.destination.transport === 'KAFKA' && m.destination.topic === 'order.cancelled.v2',
  );
const lastReason = async (order: Order) => (await stored(order)).history.at(-1)?.reason;

describe('ResolveStuckOrdersHandler', () => {
  it('cancels an order stuck past its deadline with nothing charged, giving the reason', async () => {
    const order = await pendingOrder(ago(DEADLINE_MS + 1));
    expect(await sweep.execute()).toEqual({ resolved: 1, refunded: 0 });
    expect(await stored(order)).toMatchObject({ status: 'CANCELLED', paymentId: null });
    expect(await lastReason(order)).toBe(`${PAYMENT_OUTCOME_TIMEOUT}: nothing was charged`);
    expect(payments.lookupCalls).toEqual([authorizeKeyOf(order.snapshot.idempotencyKey)]);
    // Nothing was refunded, so nothing is announced: analytics counts refunded cancellations.
    expect(orders.state.outbox).toEqual([]);
  });

  it('refunds a payment that turns out authorized, then cancels with the refund and announces order.cancelled.v2', async () => {
    const order = await pendingOrder(ago(DEADLINE_MS + 1));
    const paymentId = payments.chargeBehindCheckout(
      authorizeKeyOf(order.snapshot.idempotencyKey),
      order.snapshot.total,
    );
    await sweep.execute();
    const refundId = refundIdOf(order.snapshot.id);
    expect(await stored(order)).toMatchObject({ status: 'CANCELLED', paymentId, refundId });
    expect(await lastReason(order)).toContain(
      `${PAYMENT_OUTCOME_TIMEOUT}: payment authorized late`,
    );
    expect(payments.refundCalls).toEqual([
      { paymentId, idempotencyKey: refundId, reason: 'PAYMENT_OUTCOME_TIMEOUT' },
    ]);
    expect(cancellations()).toEqual([
      expect.objectContaining({
        aggregateId: order.snapshot.id,
        payload: expect.objectContaining({
          data: expect.objectContaining({ reason: 'PAYMENT_OUTCOME_TIMEOUT', refundId }) as unknown,
        }) as unknown,
      }),
    ]);
  });

  it('leaves the order alone while payment cannot say, or cannot refund, and resolves it on a later run', async () => {
    const order = await pendingOrder(ago(DEADLINE_MS + 1));
    payments.unknownKeyOutcome = 'outcome-unknown';
    expect(await sweep.execute()).toEqual({ resolved: 0, refunded: 0 });
    payments.chargeBehindCheckout(
      authorizeKeyOf(order.snapshot.idempotencyKey),
      order.snapshot.total,
    );
    payments.refundDown = true;
    expect(await sweep.execute()).toEqual({ resolved: 0, refunded: 0 });
    expect((await stored(order)).status).toBe('PENDING_PAYMENT');
    payments.refundDown = false;
    expect(await sweep.execute()).toEqual({ resolved: 1, refunded: 0 });
    expect((await stored(order)).status).toBe('CANCELLED');
  });

  it('does not touch an order whose deadline has not passed', async () => {
    const order = await pendingOrder(ago(DEADLINE_MS - 1_000));
    expect(await sweep.execute()).toEqual({ resolved: 0, refunded: 0 });
    expect((await stored(order)).status).toBe('PENDING_PAYMENT');
    expect(payments.lookupCalls).toHaveLength(0);
  });

  it('refunds a charge recorded on an order after it was cancelled, once, and announces it once', async () => {
    const order = await pendingOrder(ago(DEADLINE_MS + 1));
    await sweep.execute();
    await orders.recordLatePayment(order.snapshot.id, 'pay-late');
    expect(await sweep.execute()).toEqual({ resolved: 0, refunded: 1 });
    expect(await stored(order)).toMatchObject({ refundId: refundIdOf(order.snapshot.id) });
    expect(await sweep.execute()).toEqual({ resolved: 0, refunded: 0 });
    expect(payments.refundCalls).toHaveLength(1);
    const cancelledAt = (await stored(order)).history.at(-1)!.at.toISOString();
    expect(cancellations().map((m) => m.payload)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          reason: 'PAYMENT_OUTCOME_TIMEOUT',
          refundId: refundIdOf(order.snapshot.id),
          cancelledAt,
        }) as unknown,
      }),
    ]);
  });
});
