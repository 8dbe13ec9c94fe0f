import {
  CORRELATION_HEADER,
  correlationIdFrom,
  recordHttpRoute,
  withCorrelationId,
} from '@shop/tracing';
import type { FastifyInstance } from 'fastify';

/**
 * Establishes the correlation id at the very start of every HTTP request, so
 * middleware, guards, handlers and the request log line all see the same id.
 * Continuing Fastify's lifecycle inside the async context is the documented
 * way to scope AsyncLocalStorage to a Fastify request.
 */
export function registerCorrelationHook(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const id = correlationIdFrom(request.headers[CORRELATION_HEADER]);
    void reply.header(CORRELATION_HEADER, id);
    // The request's span is then named `POST /v1/orders/:id`, not just `POST`.
    recordHttpRoute(request.routeOptions.url);
    withCorrelationId(id, done);
  });
}
