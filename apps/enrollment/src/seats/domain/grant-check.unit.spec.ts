import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Enrollment } from './enrollment.js';
import { checkAgainstGrant } from './grant-check.js';

const orderId = randomUUID();
const learnerId = randomUUID();
const [courseA, courseB] = [
  'aaaaaaaa-0000-4000-8000-000000000000',
  'bbbbbbbb-0000-4000-8000-000000000000',
];
const enrollment = (courseId: string): Enrollment => ({
  id: randomUUID(),
  orderId,
  learnerId,
  courseId,
  enrolledAt: new Date(),
});
const granted = [enrollment(courseA), enrollment(courseB)];

describe('checkAgainstGrant', () => {
  it('allocates for an order granted nothing yet', () => {
    expect(checkAgainstGrant([], { orderId, learnerId, courseIds: [courseA] })).toEqual({
      kind: 'allocate',
    });
  });

  it('is a no-op for a command asking for exactly what was granted, in any order', () => {
    const command = { orderId, learnerId, courseIds: [courseB, courseA] };
    expect(checkAgainstGrant(granted, command)).toEqual({ kind: 'already-granted' });
  });

  it('calls another learner a contradiction', () => {
    const other = randomUUID();
    expect(
      checkAgainstGrant(granted, { orderId, learnerId: other, courseIds: [courseA, courseB] }),
    ).toEqual({
      kind: 'contradiction',
      reason: `order ${orderId} was granted to learner ${learnerId}; this command asks for learner ${other}`,
    });
  });

  it('calls other courses a contradiction, naming both sets', () => {
    expect(checkAgainstGrant(granted, { orderId, learnerId, courseIds: [courseA] })).toEqual({
      kind: 'contradiction',
      reason: `order ${orderId} was granted seats in [${courseA}, ${courseB}]; this command asks for [${courseA}]`,
    });
  });
});
