import { Injectable } from '@nestjs/common';
import { CoursesRepository } from '../courses.repository.js';
import { CourseNotFoundError, type Course } from '../domain/course.js';

@Injectable()
export class GetCourseHandler {
  constructor(private readonly courses: CoursesRepository) {}

  async execute(id: string): Promise<Course> {
    const course = await this.courses.byId(id);
    if (!course) throw new CourseNotFoundError(id);
    return course;
  }
}
