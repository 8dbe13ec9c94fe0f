import { describe, expect, it } from 'vitest';
import { allocateSeats } from './seat-allocation.js';

const seats = [
  { courseId: 'a', capacity: 2, taken: 1 },
  { courseId: 'b', capacity: 1, taken: 1 },
  { courseId: 'c', capacity: 3, taken: 0 },
];

describe('allocateSeats', () => {
  it('grants when every course has a free seat', () => {
    expect(allocateSeats(['a', 'c'], seats)).toEqual({ granted: true });
  });

  it('refuses the whole order, naming the first full course in request order', () => {
    expect(allocateSeats(['c', 'b', 'a'], seats)).toEqual({
      granted: false,
      courseId: 'b',
      reason: 'COURSE_FULL',
      detail: 'all 1 seats are taken',
    });
  });

  it('refuses a course it does not know', () => {
    expect(allocateSeats(['a', 'zz'], seats)).toMatchObject({
      granted: false,
      courseId: 'zz',
      reason: 'UNKNOWN_COURSE',
    });
  });
});
