import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Order } from './order.js';
import { checkSeatRejected, checkSeatsGranted } from './seat-event-check.js';

const courseA = randomUUID();
const courseB = randomUUID();
const now = new Date();

function orderIn(
  status: 'PENDING_PAYMENT' | 'PAID' | 'ENROLLING' | 'COMPLETED' | 'CANCELLED' | 'DECLINED',
) {
  const order = Order.place(
    { id: randomUUID(), idempotencyKey: 'k', learnerId: randomUUID() },
    [
      { courseId: courseA, priceMinor: 4900, currency: 'EUR' },
      { courseId: courseB, priceMinor: 100, currency: 'EUR' },
    ],
    now,
  );
  if (status === 'DECLINED') order.paymentDeclined('card declined', now);
  if (status === 'PENDING_PAYMENT' || status === 'DECLINED') return order.snapshot;
  order.paymentAuthorized(randomUUID(), now);
  if (status === 'PAID') return order.snapshot;
  order.enrollmentRequested(now);
  if (status === 'COMPLETED') order.seatsGranted(now);
  if (status === 'CANCELLED')
    order.cancelledAfterRefund('seats rejected: COURSE_FULL', randomUUID(), now);
  return order.snapshot;
}

const granted = (
  o: ReturnType<typeof orderIn>,
  courses = [courseB, courseA],
  learnerId = o.learnerId,
) => ({
  orderId: o.id,
  learnerId,
  enrollments: courses.map((courseId) => ({ courseId, enrollmentId: randomUUID() })),
});
const rejected = (o: ReturnType<typeof orderIn>, courseId = courseA, learnerId = o.learnerId) => ({
  orderId: o.id,
  learnerId,
  courseId,
  reason: 'COURSE_FULL' as const,
});

describe('checkSeatsGranted', () => {
  it('applies seats for every course of an enrolling order, in any order', () => {
    const order = orderIn('ENROLLING');
    expect(checkSeatsGranted(order, granted(order))).toEqual({ kind: 'apply' });
  });

  it('is a no-op for seats granted again to a completed order', () => {
    const order = orderIn('COMPLETED');
    expect(checkSeatsGranted(order, granted(order))).toEqual({ kind: 'already-applied' });
  });

  it('refuses an order it does not have', () => {
    const order = orderIn('ENROLLING');
    expect(checkSeatsGranted(undefined, granted(order))).toEqual({
      kind: 'refuse',
      code: 'UNKNOWN_ORDER',
      reason: `no order ${order.id}: checkout never asked for its seats`,
    });
  });

  it.each([
    [
      'another learner',
      (o: ReturnType<typeof orderIn>) => granted(o, [courseA, courseB], randomUUID()),
      /belongs to learner .*; the event names learner/,
    ],
    [
      'fewer courses',
      (o: ReturnType<typeof orderIn>) => granted(o, [courseA]),
      /is for courses \[.*\]; the event grants seats in \[/,
    ],
    [
      'another course',
      (o: ReturnType<typeof orderIn>) => granted(o, [courseA, randomUUID()]),
      /the event grants seats in/,
    ],
  ])('refuses seats for %s', (_case, event, reason) => {
    const order = orderIn('ENROLLING');
    expect(checkSeatsGranted(order, event(order))).toMatchObject({
      kind: 'refuse',
      code: 'CONTRADICTION',
      reason: expect.stringMatching(reason) as unknown,
    });
  });

  it.each(['PENDING_PAYMENT', 'PAID', 'CANCELLED', 'DECLINED'] as const)(
    'refuses seats for an order that is %s: they cannot have been granted',
    (status) => {
      const order = orderIn(status);
      expect(checkSeatsGranted(order, granted(order))).toMatchObject({
        kind: 'refuse',
        code: 'CONTRADICTION',
      });
    },
  );
});

describe('checkSeatRejected', () => {
  it('applies a rejection of one course of an enrolling order', () => {
    const order = orderIn('ENROLLING');
    expect(checkSeatRejected(order, rejected(order, courseB))).toEqual({ kind: 'apply' });
  });

  it('is a no-op for a rejection of an order already cancelled by one', () => {
    const order = orderIn('CANCELLED');
    expect(checkSeatRejected(order, rejected(order))).toEqual({ kind: 'already-applied' });
  });

  it('refuses an order it does not have, another learner, or a course not in the order', () => {
    const order = orderIn('ENROLLING');
    expect(checkSeatRejected(undefined, rejected(order))).toMatchObject({ code: 'UNKNOWN_ORDER' });
    expect(checkSeatRejected(order, rejected(order, courseA, randomUUID()))).toMatchObject({
      code: 'CONTRADICTION',
    });
    const other = randomUUID();
    expect(checkSeatRejected(order, rejected(order, other))).toMatchObject({
      code: 'CONTRADICTION',
      reason: expect.stringContaining(`the event rejects course ${other}`) as unknown,
    });
  });

  it.each(['COMPLETED', 'PENDING_PAYMENT', 'PAID', 'DECLINED'] as const)(
    'refuses a rejection for an order that is %s',
    (status) => {
      const order = orderIn(status);
      expect(checkSeatRejected(order, rejected(order))).toMatchObject({
        kind: 'refuse',
        code: 'CONTRADICTION',
      });
    },
  );

  it('says why a completed order cannot have its seats rejected', () => {
    const order = orderIn('COMPLETED');
    expect(checkSeatRejected(order, rejected(order))).toMatchObject({
      reason: `order ${order.id} is COMPLETED: its seats were granted, so they cannot be rejected`,
    });
  });
});
