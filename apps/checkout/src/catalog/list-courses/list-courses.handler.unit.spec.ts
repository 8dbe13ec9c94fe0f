import { describe, expect, it } from 'vitest';
import { InMemoryCoursesRepository } from '../testing/in-memory-courses.repository.js';
import type { Course } from '../domain/course.js';
import { InvalidCursorError } from './course-cursor.js';
import { ListCoursesHandler } from './list-courses.handler.js';

const course = (slug: string): Course => ({
  id: `id-${slug}`,
  slug,
  title: slug,
  description: `All about ${slug}.`,
  price: { amountMinor: 100, currency: 'EUR' },
  capacityHint: 1,
});

describe('ListCoursesHandler', () => {
  const handler = new ListCoursesHandler(
    new InMemoryCoursesRepository(['e', 'a', 'c', 'b', 'd'].map(course)),
  );

  it('walks the whole catalog page by page, each course exactly once, in slug order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await handler.execute({ limit: 2, cursor });
      seen.push(...page.items.map((c) => c.slug));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const page = await handler.execute({ limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(handler.execute({ limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
