import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem/problem.js';

/**
 * Fastify's `frameworkErrors`: a request it refuses before any route runs (a
 * malformed percent-escape in the path, FST_ERR_BAD_URL) is answered as
 * problem+json like every other client error, instead of Fastify's own JSON.
 */
export function frameworkErrorProblem(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .status(status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      type: problemType('invalid-request'),
      title: 'The request is invalid',
      status,
      detail: error.message,
    });
}
