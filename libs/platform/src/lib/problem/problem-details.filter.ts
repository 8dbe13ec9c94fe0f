import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { currentCorrelationId } from '@shop/tracing';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemType, type Problem } from './problem.js';

/**
 * Every HTTP error leaves as `application/problem+json` with the request's
 * correlation id, whatever threw it: a ProblemException, a Nest HttpException
 * (404 for an unknown route…) or an unexpected error (500, details logged, not
 * leaked).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  private readonly rpc = new BaseRpcExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost) {
    // A GraphQL resolver's error belongs in the response's `errors`: Apollo
    // formats it (see @shop/subgraph), so it passes through untouched.
    if (host.getType<string>() === 'graphql') throw exception;
    // Message handlers (gRPC, brokers) keep Nest's own mapping of RpcException.
    if (host.getType() !== 'http') return this.rpc.catch(exception, host);
    const problem = this.toProblem(exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    return reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...problem, correlationId: currentCorrelationId() });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { type: problemType(`http-${status}`), title: exception.message, status };
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return { type: problemType('internal-error'), title: 'Internal server error', status: 500 };
  }
}
