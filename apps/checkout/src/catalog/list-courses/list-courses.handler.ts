import { Injectable } from '@nestjs/common';
import { CoursesRepository } from '../courses.repository.js';
import type { Course } from '../domain/course.js';
import { decodeCursor, encodeCursor } from './course-cursor.js';
import type { ListCoursesQuery } from './list-courses.query.js';

export interface CoursePage {
  readonly items: readonly Course[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

@Injectable()
export class ListCoursesHandler {
  constructor(private readonly courses: CoursesRepository) {}

  async execute(query: ListCoursesQuery): Promise<CoursePage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    // One extra row tells whether another page exists without a COUNT.
    const rows = await this.courses.page(after, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const hasMore = rows.length > query.limit && last !== undefined;
    return { items, nextCursor: hasMore ? encodeCursor(last.slug) : null };
  }
}
