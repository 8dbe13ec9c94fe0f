import { describe, expect, it } from 'vitest';
import { Order, type OrderLine } from './order.js';
import {
  EmptyOrderError,
  InvalidOrderTransitionError,
  MixedCurrenciesError,
} from './order.errors.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 12, minute));
const line = (courseId: string, priceMinor = 4900, currency = 'EUR'): OrderLine => ({
  courseId,
  priceMinor,
  currency,
});

describe('Order', () => {
  it('goes PENDING_PAYMENT → PAID → ENROLLING → COMPLETED, recording each step with time and reason', () => {
    const order = Order.place(
      { id: 'o-1', idempotencyKey: 'k-o-1', learnerId: 'l-1' },
      [line('c-1'), line('c-2', 5900)],
      at(0),
    );
    order.paymentAuthorized('p-1', at(1));
    order.enrollmentRequested(at(1));
    order.seatsGranted(at(2));
    expect(order.snapshot.status).toBe('COMPLETED');
    expect(order.snapshot.paymentId).toBe('p-1');
    expect(order.snapshot.total).toEqual({ amountMinor: 10800, currency: 'EUR' });
    expect(order.snapshot.history.map((c) => [c.from, c.to, c.at.getUTCMinutes()])).toEqual([
      [null, 'PENDING_PAYMENT', 0],
      ['PENDING_PAYMENT', 'PAID', 1],
      ['PAID', 'ENROLLING', 1],
      ['ENROLLING', 'COMPLETED', 2],
    ]);
  });

  it('is cancelled with the refund in its history when the course is full', () => {
    const order = Order.place(
      { id: 'o-2', idempotencyKey: 'k-o-2', learnerId: 'l-1' },
      [line('c-1')],
      at(0),
    );
    order.paymentAuthorized('p-2', at(1));
    order.enrollmentRequested(at(1));
    const change = order.cancelledAfterRefund('course full', 'r-9', at(3));
    expect(order.snapshot.status).toBe('CANCELLED');
    expect(change.reason).toBe('course full; payment refunded (refund r-9)');
    expect(order.snapshot.refundId).toBe('r-9');
  });

  it('is cancelled, and goes no further, when the card is declined', () => {
    const order = Order.place(
      { id: 'o-3', idempotencyKey: 'k-o-3', learnerId: 'l-1' },
      [line('c-1')],
      at(0),
    );
    order.paymentDeclined('INSUFFICIENT_FUNDS', at(1));
    expect(order.snapshot.status).toBe('CANCELLED');
    expect(order.snapshot.history.at(-1)?.reason).toBe('payment declined: INSUFFICIENT_FUNDS');
    expect(order.declineReason).toBe('INSUFFICIENT_FUNDS');
    expect(() => order.enrollmentRequested(at(2))).toThrow(InvalidOrderTransitionError);
  });

  it('refuses to skip a step or to leave a final state', () => {
    const order = Order.place(
      { id: 'o-4', idempotencyKey: 'k-o-4', learnerId: 'l-1' },
      [line('c-1')],
      at(0),
    );
    expect(() => order.seatsGranted(at(1))).toThrow(
      'order o-4 cannot go from PENDING_PAYMENT to COMPLETED',
    );
    order.paymentAuthorized('p-4', at(1));
    order.enrollmentRequested(at(1));
    order.seatsGranted(at(2));
    expect(() => order.cancelledAfterRefund('late', 'r-1', at(3))).toThrow(
      InvalidOrderTransitionError,
    );
  });

  it('needs at least one course, all in one currency', () => {
    expect(() =>
      Order.place({ id: 'o-5', idempotencyKey: 'k-o-5', learnerId: 'l-1' }, [], at(0)),
    ).toThrow(EmptyOrderError);
    expect(() =>
      Order.place(
        { id: 'o-6', idempotencyKey: 'k-o-6', learnerId: 'l-1' },
        [line('a'), line('b', 100, 'USD')],
        at(0),
      ),
    ).toThrow(MixedCurrenciesError);
  });
});
