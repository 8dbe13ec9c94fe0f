import { beforeEach, describe, expect, it } from 'vitest';
import { COURSE_MAX_AGE_S, CourseCache } from './course-cache.js';
import type { Course } from './domain/course.js';
import { InMemoryCoursesRepository } from './testing/in-memory-courses.repository.js';

const course: Course = {
  id: 'c1',
  slug: 'grpc-in-practice',
  title: 'gRPC in Practice',
  description: 'Deadlines, retries and contracts.',
  price: { amountMinor: 5900, currency: 'EUR' },
  capacityHint: 50,
};

describe('CourseCache', () => {
  let courses: InMemoryCoursesRepository;
  let cache: CourseCache;
  let nowMs: number;
  // lru-cache reads its clock at most once a millisecond (ttlResolution): let that pass too.
  const elapse = async (ms: number) => {
    nowMs += ms;
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  beforeEach(() => {
    nowMs = 1_000;
    courses = new InMemoryCoursesRepository([course]);
    cache = new CourseCache(courses, { now: () => nowMs });
  });

  it('reads a course from the database once, then from memory', async () => {
    expect(await cache.byId('c1')).toEqual(course);
    expect(await cache.byId('c1')).toEqual(course);
    expect(courses.reads).toBe(1);
  });

  it('shares one database read among concurrent misses of the same course', async () => {
    await Promise.all([cache.byId('c1'), cache.byId('c1'), cache.byId('c1')]);
    expect(courses.reads).toBe(1);
  });

  it('reads the course again once its max-age has passed', async () => {
    await cache.byId('c1');
    await elapse(COURSE_MAX_AGE_S * 1000 - 1);
    await cache.byId('c1');
    expect(courses.reads).toBe(1);
    await elapse(2);
    await cache.byId('c1');
    expect(courses.reads).toBe(2);
  });

  it('does not remember an unknown course: it may be added at any time', async () => {
    expect(await cache.byId('nope')).toBeUndefined();
    expect(await cache.byId('nope')).toBeUndefined();
    expect(courses.reads).toBe(2);
  });
});
