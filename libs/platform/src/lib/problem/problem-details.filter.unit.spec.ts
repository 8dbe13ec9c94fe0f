import type { ArgumentsHost } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { ProblemException, problemType } from './problem.js';

const hostOfType = (type: string) => ({ getType: () => type }) as unknown as ArgumentsHost;

describe('ProblemDetailsFilter', () => {
  it('lets the error of a GraphQL resolver through untouched, for Apollo to format', () => {
    const filter = new ProblemDetailsFilter();
    const error = new ProblemException({
      type: problemType('course-not-found'),
      title: 'No such course',
      status: 404,
    });

    expect(() => filter.catch(error, hostOfType('graphql'))).toThrow(error);
  });
});
