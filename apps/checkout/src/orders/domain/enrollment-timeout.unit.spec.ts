import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENROLLMENT_TIMEOUT, Order } from './order.js';
import { InvalidOrderTransitionError } from './order.errors.js';
import { checkGrantCancelled, checkSeatRejected, checkSeatsGranted } from './seat-event-check.js';

const [courseA, courseB] = [randomUUID(), randomUUID()];
const placedAt = new Date('2026-12-07T12:00:00Z');
const later = new Date('2026-12-07T12:05:01Z');

function enrolling(): Order {
  const order = Order.place(
    { id: randomUUID(), idempotencyKey: 'k', learnerId: randomUUID() },
    [
      { courseId: courseA, priceMinor: 4900, currency: 'EUR' },
      { courseId: courseB, priceMinor: 100, currency: 'EUR' },
    ],
    placedAt,
  );
  order.paymentAuthorized(randomUUID(), placedAt);
  order.enrollmentRequested(placedAt);
  return order;
}

function cancelRequested(): Order {
  const order = enrolling();
  order.enrollmentTimedOut(301_000, later);
  return order;
}

const cancelled = (o: Order, released: string[] = []) => ({
  orderId: o.snapshot.id,
  learnerId: o.snapshot.learnerId,
  released: released.map((courseId) => ({ courseId, enrollmentId: randomUUID() })),
  cancelledAt: later.toISOString(),
});

describe('Order past its enrollment deadline', () => {
  it('records the cancel request in its history and stays ENROLLING', () => {
    const order = enrolling();
    expect(order.enrollingSince).toEqual(placedAt);
    expect(order.enrollmentCancelRequested).toBe(false);

    const change = order.enrollmentTimedOut(301_000, later);

    expect(change).toEqual({
      from: 'ENROLLING',
      to: 'ENROLLING',
      reason: `${ENROLLMENT_TIMEOUT}: enrollment did not answer within 301 s; asked enrollment to cancel the grant`,
      at: later,
    });
    expect(order.snapshot.status).toBe('ENROLLING');
    expect(order.enrollmentCancelRequested).toBe(true);
  });

  it('asks once, and only while ENROLLING', () => {
    expect(() => cancelRequested().enrollmentTimedOut(1, later)).toThrow(
      InvalidOrderTransitionError,
    );
    const completed = enrolling();
    completed.seatsGranted(later);
    expect(() => completed.enrollmentTimedOut(1, later)).toThrow(InvalidOrderTransitionError);
  });
});

describe('enrollment answers once checkout asked to cancel the grant', () => {
  it('applies grant-cancelled to an order that asked, released seats or none', () => {
    const order = cancelRequested();
    expect(checkGrantCancelled(order.snapshot, cancelled(order))).toEqual({ kind: 'apply' });
    expect(checkGrantCancelled(order.snapshot, cancelled(order, [courseA, courseB]))).toEqual({
      kind: 'apply',
    });
  });

  it('refuses grant-cancelled for an order that never asked, or naming a course not in it', () => {
    const order = enrolling();
    expect(checkGrantCancelled(order.snapshot, cancelled(order))).toMatchObject({
      kind: 'refuse',
      code: 'CONTRADICTION',
      reason: `order ${order.snapshot.id} is ENROLLING and checkout never asked enrollment to cancel its grant`,
    });
    const asked = cancelRequested();
    const stranger = randomUUID();
    expect(checkGrantCancelled(asked.snapshot, cancelled(asked, [stranger]))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining(`the event releases seats in [${stranger}]`) as unknown,
    });
    expect(checkGrantCancelled(undefined, cancelled(asked))).toMatchObject({
      code: 'UNKNOWN_ORDER',
    });
  });

  it('is a no-op for grant-cancelled once the order was compensated, by it or by a seat rejection', () => {
    const order = cancelRequested();
    order.cancelledAfterRefund('seats rejected: COURSE_FULL', randomUUID(), later);
    expect(checkGrantCancelled(order.snapshot, cancelled(order))).toEqual({
      kind: 'already-applied',
    });
  });

  it('lets seats granted before enrollment saw the cancel be superseded, not complete the order', () => {
    const order = cancelRequested();
    const granted = {
      orderId: order.snapshot.id,
      learnerId: order.snapshot.learnerId,
      enrollments: [courseA, courseB].map((courseId) => ({ courseId, enrollmentId: randomUUID() })),
    };
    expect(checkSeatsGranted(order.snapshot, granted)).toMatchObject({ kind: 'superseded' });
    order.cancelledAfterRefund(`${ENROLLMENT_TIMEOUT}: enrollment cancelled the grant`, 'r', later);
    expect(checkSeatsGranted(order.snapshot, granted)).toMatchObject({ kind: 'superseded' });
  });

  it('still compensates on a seat rejection that was on its way', () => {
    const order = cancelRequested();
    const rejected = {
      orderId: order.snapshot.id,
      learnerId: order.snapshot.learnerId,
      courseId: courseA,
      reason: 'COURSE_FULL' as const,
    };
    expect(checkSeatRejected(order.snapshot, rejected)).toEqual({ kind: 'apply' });
  });
});
