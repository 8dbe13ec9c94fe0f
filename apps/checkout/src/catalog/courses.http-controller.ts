import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ZodValidationPipe } from '@shop/platform';
import { GetCourseHandler } from './get-course/get-course.handler.js';
import { ListCoursesHandler } from './list-courses/list-courses.handler.js';
import { listCoursesQuerySchema, type ListCoursesQuery } from './list-courses/list-courses.query.js';

@Controller('v1/courses')
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
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {
    return this.getCourse.execute(id);
  }
}
