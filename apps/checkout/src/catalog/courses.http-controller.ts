import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ZodValidationPipe } from '@shop/platform';
import { z } from 'zod';
import { CatalogErrorsFilter } from './catalog-errors.problem.js';
import { GetCourseHandler } from './get-course/get-course.handler.js';
import { ListCoursesHandler } from './list-courses/list-courses.handler.js';
import {
  listCoursesQuerySchema,
  type ListCoursesQuery,
} from './list-courses/list-courses.query.js';

export const courseParamsSchema = z.object({ id: z.uuid() });

// Domain errors are mapped here, at the transport that owns their meaning.
@Controller('v1/courses')
@UseFilters(CatalogErrorsFilter)
export class CoursesHttpController {
  constructor(
    private readonly listCourses: ListCoursesHandler,
    private readonly getCourse: GetCourseHandler,
  ) {}

  @Get()
  list(@Query(new ZodValidationPipe(listCoursesQuerySchema)) query: ListCoursesQuery) {
    return this.listCourses.execute(query);
  }

  @Get(':id')
  get(
    @Param(new ZodValidationPipe(courseParamsSchema)) params: z.infer<typeof courseParamsSchema>,
  ) {
    return this.getCourse.execute(params.id);
  }
}
