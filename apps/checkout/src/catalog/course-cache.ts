import { Injectable, Optional } from '@nestjs/common';
import { LRUCache, type Perf } from 'lru-cache';
import { CoursesRepository } from './courses.repository.js';
import type { Course } from './domain/course.js';

/** As long as the API lets clients keep a course (`@cacheControl(maxAge: 60)` in the subgraph). */
export const COURSE_MAX_AGE_S = 60;
const MAX_COURSES = 10_000;

/**
 * Read-through cache of single courses, for the catalog reads (GET
 * /v1/courses/:id, the graph's `course(id)`). Concurrent misses of one id
 * share one database read; an unknown id is not cached. Orders do not read
 * through it: they are placed at the price in the database.
 */
@Injectable()
export class CourseCache {
  private readonly cache: LRUCache<string, Course>;

  // `clock` is for tests; the default is performance.now().
  constructor(courses: CoursesRepository, @Optional() clock?: Perf) {
    this.cache = new LRUCache<string, Course>({
      ...(clock ? { perf: clock } : {}),
      max: MAX_COURSES,
      ttl: COURSE_MAX_AGE_S * 1000,
      fetchMethod: (id) => courses.byId(id),
    });
  }

  byId(id: string): Promise<Course | undefined> {
    return this.cache.fetch(id);
  }
}
