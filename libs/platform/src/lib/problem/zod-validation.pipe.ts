import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemException, problemType } from './problem.js';

/**
 * Validates a request part against its schema; a violation is a 400 problem
 * naming every offending field, so a client can fix all of them at once.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new ProblemException({
      type: problemType('invalid-request'),
      title: 'The request is invalid',
      status: 400,
      detail: result.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; '),
      errors: result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
}
