import { shopMeter, DURATION_BUCKETS_S } from '@shop/metrics';
import type { FastifyInstance } from 'fastify';

// OpenTelemetry's rule for http.request.method: the known methods, else _OTHER.
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const duration = shopMeter('@shop/platform').createHistogram('http.server.request.duration', {
  unit: 's',
  description: 'Duration of HTTP requests the service answered, by route template and status.',
  advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_S] },
});

/**
 * Rate, errors and duration of every HTTP request (RED), one histogram
 * (`http.server.request.duration`, OpenTelemetry's stable name): its count is
 * the rate, its `http.response.status_code` label the errors. The route is
 * Fastify's template (`/v1/orders/:id`), never the URL; a request no route
 * matched has no `http.route`, so a scan of random paths adds no series.
 */
export function registerHttpMetricsHook(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    duration.record(reply.elapsedTime / 1_000, {
      'http.request.method': KNOWN_METHODS.has(request.method) ? request.method : '_OTHER',
      'http.response.status_code': reply.statusCode,
      ...(route === undefined ? {} : { 'http.route': route }),
    });
    done();
  });
}
