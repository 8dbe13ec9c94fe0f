import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { traced } from '@shop/tracing';
import { recordSpans } from '@shop/tracing/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakePayments } from '../../../test/support/fake-payments.js';
import type { Course } from '../../catalog/domain/course.js';
import { InMemoryCoursesRepository } from '../../catalog/testing/in-memory-courses.repository.js';
import {
  OrderKeyTakenError,
  PaymentDeclinedError,
  PaymentUnavailableError,
  UnknownCoursesError,
} from '../domain/order.errors.js';
import { authorizeKeyOf } from '../payment-keys.js';
import { defaultOrderDeadlines } from '../resolve-stuck-orders/order-deadlines.js';
import { InMemoryOrdersRepository } from '../testing/in-memory-orders.repository.js';
import { PlaceOrderCommand } from './place-order.command.js';
import { PlaceOrderHandler } from './place-order.handler.js';

const course = (priceMinor: number): Course => {
  const id = randomUUID();
  return {
    id,
    slug: `course-${id}`,
    title: 'A course',
    description: '',
    price: { amountMinor: priceMinor, currency: 'EUR' },
    capacityHint: 10,
  };
};
const messaging = course(4900);
const grpc = course(5900);

const learnerId = randomUUID();
const place = (key: string, courseIds = [messaging.id, grpc.id], cardToken = 'tok_visa') =>
  PlaceOrderCommand.from({ courseIds, cardToken }, learnerId, key);

let orders: InMemoryOrdersRepository;
let payments: FakePayments;
let placeOrder: PlaceOrderHandler;
beforeEach(() => {
  orders = new InMemoryOrdersRepository();
  payments = new FakePayments();
  placeOrder = new PlaceOrderHandler(
    orders,
    new InMemoryCoursesRepository([messaging, grpc]),
    payments,
  );
});

describe('PlaceOrderHandler', () => {
  it('prices the lines from the catalog, pays the total, and leaves ENROLLING with one grant-seat command', async () => {
    const order = await placeOrder.execute(place('key-1'));
    expect(order.snapshot).toMatchObject({
      status: 'ENROLLING',
      total: { amountMinor: 10800, currency: 'EUR' },
    });
    expect(payments.authorizeCalls).toEqual([
      expect.objectContaining({
        idempotencyKey: authorizeKeyOf('key-1'),
        amount: order.snapshot.total,
      }),
    ]);
    expect(orders.state.outbox).toHaveLength(1);
    expect(orders.state.outbox[0]).toMatchObject({
      destination: {
        transport: 'AMQP',
        exchange: 'enrollment.commands',
        routingKey: 'enrollment.grant-seat',
      },
      payload: { id: 'key-1', subject: order.snapshot.id },
    });
  });

  it('answers a retry with the same order, without paying again', async () => {
    const first = await placeOrder.execute(place('key-2'));
    const again = await placeOrder.execute(place('key-2'));
    expect(again.snapshot.id).toBe(first.snapshot.id);
    expect(payments.authorizeCalls).toHaveLength(1);
    expect(orders.state.outbox).toHaveLength(1);
  });

  it('refuses the same key for other courses', async () => {
    await placeOrder.execute(place('key-3'));
    await expect(placeOrder.execute(place('key-3', [messaging.id]))).rejects.toThrow(
      OrderKeyTakenError,
    );
  });

  it('cancels a declined order and sends no command', async () => {
    const declined = placeOrder.execute(place('key-4', [messaging.id], 'tok_declined'));
    await expect(declined).rejects.toThrow(PaymentDeclinedError);
    const [stored] = orders.state.orders.values();
    expect(stored?.snapshot.status).toBe('CANCELLED');
    expect(orders.state.outbox).toHaveLength(0);
  });

  it('stores nothing for an unknown course', async () => {
    const unknown = randomUUID();
    await expect(placeOrder.execute(place('key-5', [unknown]))).rejects.toThrow(
      UnknownCoursesError,
    );
    expect(orders.state.orders.size).toBe(0);
  });

  it('keeps the order PENDING_PAYMENT while payment is unavailable, and pays it on the retry', async () => {
    payments.authorizeDown = true;
    await expect(placeOrder.execute(place('key-6'))).rejects.toThrow(PaymentUnavailableError);
    const [pending] = orders.state.orders.values();
    expect(pending?.snapshot.status).toBe('PENDING_PAYMENT');
    payments.authorizeDown = false;
    const paid = await placeOrder.execute(place('key-6'));
    expect(paid.snapshot).toMatchObject({ id: pending?.snapshot.id, status: 'ENROLLING' });
  });

  describe('past the payment deadline', () => {
    const deadlines = {
      ...defaultOrderDeadlines,
      paymentDeadlineMs: 1_000,
      sweepIntervalMs: 500,
      transactionTimeoutMs: 5_000,
    };

    it('no longer asks payment on a retry: the sweep owns the order', async () => {
      payments.authorizeDown = true;
      await expect(placeOrder.execute(place('key-late'))).rejects.toThrow(PaymentUnavailableError);
      payments.authorizeDown = false;
      const later = new PlaceOrderHandler(
        orders,
        new InMemoryCoursesRepository([messaging, grpc]),
        payments,
        { ...deadlines, now: () => new Date(Date.now() + 1_000) },
      );
      await expect(later.execute(place('key-late'))).rejects.toMatchObject({
        reason: 'outcome-unknown',
        retryAfterMs: 500,
      });
      expect(payments.authorizeCalls).toHaveLength(1);
    });

    it('records a charge that lands after the sweep cancelled the order, so the sweep refunds it', async () => {
      payments.authorizeDown = true;
      await expect(placeOrder.execute(place('key-raced'))).rejects.toThrow(PaymentUnavailableError);
      payments.authorizeDown = false;
      const order = (await orders.byIdempotencyKey('key-raced'))!;
      // The retry read PENDING_PAYMENT; the sweep cancels before its charge is recorded.
      const racing = payments.authorize.bind(payments);
      payments.authorize = async (request) => {
        const outcome = await racing(request);
        const cancelled = (await orders.byId(order.snapshot.id))!;
        const change = cancelled.paymentTimedOut(new Date());
        await orders.inTransaction((tx) => tx.recordChanges(cancelled, [change]));
        return outcome;
      };
      const answered = await placeOrder.execute(place('key-raced'));
      expect(answered.snapshot).toMatchObject({ status: 'CANCELLED', refundId: null });
      expect(answered.snapshot.paymentId).not.toBeNull();
      expect((await orders.refundsOwed(10)).map((o) => o.snapshot.id)).toEqual([order.snapshot.id]);
    });
  });

  it('names the order on the request’s span, so a declined order’s trace is found by its id too', async () => {
    const spans = recordSpans();
    try {
      const tracer = trace.getTracer('test');
      const declined = await traced(tracer, 'POST /v1/orders', {}, () =>
        placeOrder
          .execute(place('key-traced', [messaging.id], 'tok_declined'))
          .catch((error: unknown) => error),
      );
      expect(declined).toBeInstanceOf(PaymentDeclinedError);
      const order = await orders.byIdempotencyKey('key-traced');
      const [request] = spans.named('POST /v1/orders');
      expect(request?.attributes['shop.order_id']).toBe(order?.snapshot.id);
    } finally {
      await spans.stop();
    }
  });
});
