import { CoursesRepository } from '../courses.repository.js';
import type { Course } from '../domain/course.js';

/** The catalog port in memory: pages in slug order, and a count of single-course reads. */
export class InMemoryCoursesRepository extends CoursesRepository {
  reads = 0;

  constructor(private readonly courses: readonly Course[]) {
    super();
  }

  page(afterSlug: string | undefined, limit: number): Promise<Course[]> {
    const sorted = [...this.courses].sort((a, b) => a.slug.localeCompare(b.slug));
    return Promise.resolve(
      sorted.filter((c) => afterSlug === undefined || c.slug > afterSlug).slice(0, limit),
    );
  }

  byId(id: string): Promise<Course | undefined> {
    this.reads++;
    return Promise.resolve(this.courses.find((c) => c.id === id));
  }

  byIds(ids: readonly string[]): Promise<Course[]> {
    return Promise.resolve(this.courses.filter((c) => ids.includes(c.id)));
  }
}
