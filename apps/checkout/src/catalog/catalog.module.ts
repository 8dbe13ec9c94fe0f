import { Module } from '@nestjs/common';
import { CoursesHttpController } from './courses.http-controller.js';
import { CourseCache } from './course-cache.js';
import { CoursesRepository, PrismaCoursesRepository } from './courses.repository.js';
import { GetCourseHandler } from './get-course/get-course.handler.js';
import { ListCoursesHandler } from './list-courses/list-courses.handler.js';

@Module({
  controllers: [CoursesHttpController],
  providers: [
    ListCoursesHandler,
    GetCourseHandler,
    CourseCache,
    { provide: CoursesRepository, useClass: PrismaCoursesRepository },
  ],
  // Orders are placed at catalog prices; the graph lists the catalog too.
  exports: [CoursesRepository, ListCoursesHandler, CourseCache],
})
export class CatalogModule {}
