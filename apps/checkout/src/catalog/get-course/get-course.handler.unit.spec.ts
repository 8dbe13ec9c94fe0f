import { describe, expect, it } from 'vitest';
import { CourseCache } from '../course-cache.js';
import { CourseNotFoundError, type Course } from '../domain/course.js';
import { InMemoryCoursesRepository } from '../testing/in-memory-courses.repository.js';
import { GetCourseHandler } from './get-course.handler.js';

const course: Course = {
  id: 'c1',
  slug: 'outbox-masterclass',
  title: 'The Outbox Masterclass',
  description: 'Transactions and brokers.',
  price: { amountMinor: 4900, currency: 'EUR' },
  capacityHint: 1,
};

describe('GetCourseHandler', () => {
  it('answers a course through the cache, and CourseNotFoundError for an unknown id', async () => {
    const courses = new InMemoryCoursesRepository([course]);
    const getCourse = new GetCourseHandler(new CourseCache(courses));
    await expect(getCourse.execute('c1')).resolves.toEqual(course);
    await expect(getCourse.execute('c1')).resolves.toEqual(course);
    expect(courses.reads).toBe(1);
    await expect(getCourse.execute('nope')).rejects.toThrow(CourseNotFoundError);
  });
});
