import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ProblemDetailsFilter, ProblemException, problemType, type Problem } from '@shop/platform';
import { assertUnreachable } from '@shop/contracts';
import { CourseNotFoundError } from './domain/course.js';
import { InvalidCursorError } from './list-courses/course-cursor.js';

type CatalogError = CourseNotFoundError | InvalidCursorError;

/** Catalog error codes → problem+json, exhaustively: a new code fails to compile until mapped. */
export function catalogProblem(error: CatalogError): Problem {
  switch (error.code) {
    case 'COURSE_NOT_FOUND':
      return {
        type: problemType('course-not-found'),
        title: 'No such course',
        status: 404,
        detail: error.message,
      };
    case 'INVALID_CURSOR':
      return {
        type: problemType('invalid-cursor'),
        title: 'Invalid page cursor',
        status: 400,
        detail: error.message,
      };
    default:
      return assertUnreachable(error);
  }
}

@Catch(CourseNotFoundError, InvalidCursorError)
export class CatalogErrorsFilter implements ExceptionFilter<CatalogError> {
  private readonly problems = new ProblemDetailsFilter();

  catch(error: CatalogError, host: ArgumentsHost): void {
    this.problems.catch(new ProblemException(catalogProblem(error)), host);
  }
}
