import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCancelGrant } from './cancel-check.js';
import type { Enrollment } from './enrollment.js';
import { checkGrantSeat } from './grant-check.js';
import type { GrantCancellation, OrderGrant } from './order-grant.js';

const orderId = randomUUID();
const learnerId = randomUUID();
const [courseA, courseB] = [
  'aaaaaaaa-0000-4000-8000-000000000000',
  'bbbbbbbb-0000-4000-8000-000000000000',
];
const command = { orderId, learnerId, courseIds: [courseA, courseB] };
const enrollment = (courseId: string): Enrollment => ({
  id: randomUUID(),
  orderId,
  learnerId,
  courseId,
  enrolledAt: new Date(),
});
const cancellation: GrantCancellation = {
  orderId,
  learnerId,
  commandId: `cancel-grant-${orderId}`,
  released: 0,
  cancelledAt: new Date('2026-12-07T12:00:00Z'),
};
const nothing: OrderGrant = { enrollments: [], cancellation: undefined };

describe('checkCancelGrant', () => {
  it('cancels an order granted nothing yet, releasing nothing', () => {
    expect(checkCancelGrant(nothing, command)).toEqual({ kind: 'cancel', release: [] });
  });

  it('cancels a granted order by releasing every seat it was granted', () => {
    const granted = [enrollment(courseA), enrollment(courseB)];
    expect(checkCancelGrant({ enrollments: granted, cancellation: undefined }, command)).toEqual({
      kind: 'cancel',
      release: granted,
    });
  });

  it('is a no-op for an order already cancelled', () => {
    expect(checkCancelGrant({ enrollments: [], cancellation }, command)).toEqual({
      kind: 'already-cancelled',
    });
  });

  it('calls a cancel for other courses than were granted a contradiction, releasing nothing', () => {
    const granted = { enrollments: [enrollment(courseA)], cancellation: undefined };
    expect(checkCancelGrant(granted, command)).toMatchObject({
      kind: 'contradiction',
      reason: expect.stringContaining('was granted seats in') as unknown,
    });
  });

  it('calls a cancel naming another learner than the cancellation a contradiction', () => {
    const other = randomUUID();
    expect(
      checkCancelGrant({ enrollments: [], cancellation }, { ...command, learnerId: other }),
    ).toEqual({
      kind: 'contradiction',
      reason: `order ${orderId}'s grant was cancelled for learner ${learnerId}; this command names learner ${other}`,
    });
  });
});

describe('checkGrantSeat', () => {
  it('refuses a grant for an order whose grant was cancelled, naming when and by which command', () => {
    expect(checkGrantSeat({ enrollments: [], cancellation }, command)).toEqual({
      kind: 'cancelled',
      reason: `order ${orderId}'s grant was cancelled at 2026-12-07T12:00:00.000Z (command cancel-grant-${orderId}); no seat is granted after a cancellation`,
    });
  });

  it('judges a grant for an order never cancelled against its enrollments', () => {
    expect(checkGrantSeat(nothing, command)).toEqual({ kind: 'allocate' });
  });
});
