import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { problemDoc, problemResponse } from '../openapi/problem.schema.js';
import { INVALID_REQUEST } from '../openapi/shared-problems.js';
import { catalogProblem } from './catalog-errors.problem.js';
import { courseParamsSchema } from './courses.http-controller.js';
import { CourseNotFoundError } from './domain/course.js';
import { InvalidCursorError } from './list-courses/course-cursor.js';
import { listCoursesQuerySchema } from './list-courses/list-courses.query.js';

const courseSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string().describe('What a learner reads before buying (plain text).'),
    price: z.object({
      amountMinor: z.int().min(0).describe('Integer minor units (cents) of `currency`.'),
      currency: z.string().length(3).describe('ISO 4217 code.'),
    }),
    capacityHint: z.int().describe('Seats the catalog advertises; enrollment owns the real count.'),
  })
  .meta({ id: 'Course' });

const coursePageSchema = z
  .object({
    items: z.array(courseSchema),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass back as `cursor` for the next page; null on the last page.'),
  })
  .meta({ id: 'CoursePage' });

const courseNotFound = problemDoc(catalogProblem(new CourseNotFoundError('…')));
const invalidCursor = problemDoc(catalogProblem(new InvalidCursorError()));

/** Every problem a catalog error maps to. */
export const catalogProblems = [courseNotFound, invalidCursor];

export function registerCatalogRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/courses',
    summary: 'Courses on sale, a bounded page at a time',
    request: { query: listCoursesQuerySchema },
    responses: {
      200: {
        description: 'One page.',
        content: { 'application/json': { schema: coursePageSchema } },
      },
      400: problemResponse('Bad query', [INVALID_REQUEST, invalidCursor]),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/courses/{id}',
    summary: 'One course',
    request: { params: courseParamsSchema },
    responses: {
      200: {
        description: 'The course.',
        content: { 'application/json': { schema: courseSchema } },
      },
      400: problemResponse('Malformed id', [INVALID_REQUEST]),
      404: problemResponse('No such course', [courseNotFound]),
    },
  });
}
