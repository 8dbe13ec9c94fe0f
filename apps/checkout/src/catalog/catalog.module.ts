import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CatalogErrorsFilter } from './catalog-errors.problem.js';
import { CoursesHttpController } from './courses.http-controller.js';
import { CoursesRepository, PrismaCoursesRepository } from './courses.repository.js';
import { GetCourseHandler } from './get-course/get-course.handler.js';
import { ListCoursesHandler } from './list-courses/list-courses.handler.js';

@Module({
  controllers: [CoursesHttpController],
  providers: [
    ListCoursesHandler,
    GetCourseHandler,
    { provide: CoursesRepository, useClass: PrismaCoursesRepository },
    { provide: APP_FILTER, useClass: CatalogErrorsFilter },
  ],
})
export class CatalogModule {}
