import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { learnerOf } from './learner-bearer.guard.js';

/** The signed-in learner's id, verified by `LearnerBearerGuard` on the same route. */
export const Learner = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  learnerOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
