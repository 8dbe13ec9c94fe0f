import { PROBLEM_CONTENT_TYPE, ProblemException } from '@shop/platform';
import { currentCorrelationId } from '@shop/tracing';
import type { FastifyReply } from 'fastify';
import { isStoredStatus, REPLAYED_HEADERS, type StoredResponse } from './stored-response.js';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The response a handler's result makes: the route's status (201 for a POST,
 * `@HttpCode`, or one the handler set), the replayable headers already on the
 * reply (`@Header`, a Location the handler set) and the JSON body.
 */
export function responseOfResult(result: unknown, reply: FastifyReply): StoredResponse {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  const body = result === undefined ? '' : JSON.stringify(result);
  if (body !== '') headers['content-type'] ??= JSON_CONTENT_TYPE;
  return { status: reply.statusCode, headers, body };
}

/**
 * The problem+json response of a handler's failure when it is the operation's
 * outcome (see `isStoredStatus`), shaped as the platform's ProblemDetailsFilter
 * shapes it; undefined for failures that release the key.
 */
export function responseOfFailure(error: unknown): StoredResponse | undefined {
  if (!(error instanceof ProblemException) || !isStoredStatus(error.problem.status))
    return undefined;
  return {
    status: error.problem.status,
    // Fastify adds the charset to the problems the platform's filter sends; so do we.
    headers: { 'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8` },
    body: JSON.stringify({ ...error.problem, correlationId: currentCorrelationId() }),
  };
}
