import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

/** `GET /v1/courses?limit=&cursor=`: a bounded page, continued by an opaque cursor. */
export const listCoursesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().max(200).optional(),
});

export type ListCoursesQuery = z.infer<typeof listCoursesQuerySchema>;
