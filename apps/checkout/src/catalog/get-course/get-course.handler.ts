import { Injectable } from '@nestjs/common';
import { CourseCache } from '../course-cache.js';
import { CourseNotFoundError, type Course } from '../domain/course.js';

@Injectable()
export class GetCourseHandler {
  constructor(private readonly courses: CourseCache) {}

  async execute(id: string): Promise<Course> {
    const course = await this.courses.byId(id);
    if (!course) throw new CourseNotFoundError(id);
    return course;
  }
}
