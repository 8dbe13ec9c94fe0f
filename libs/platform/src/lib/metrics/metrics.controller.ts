import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { metricsExposition, PROMETHEUS_CONTENT_TYPE } from '@shop/metrics';
import type { FastifyReply } from 'fastify';
import { ProblemException, problemType } from '../problem/problem.js';

/** The bearer token Prometheus must send to read `/metrics` (`METRICS_TOKEN`). */
export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

/**
 * `GET /metrics`: everything the process measured, in Prometheus' text
 * format, on the service's own HTTP port. It names routes, dependencies and
 * error rates — reconnaissance an attacker would like — so it asks for a
 * bearer token as every other edge does (Prometheus' `authorization`
 * setting sends it); health stays open for probes.
 */
@Controller('metrics')
export class MetricsController {
  private readonly expected: Buffer;

  constructor(@Inject(METRICS_TOKEN) token: string) {
    this.expected = digest(`Bearer ${token}`);
  }

  @Get()
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(authorization ?? ''), this.expected)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new ProblemException({
        type: problemType('unauthenticated'),
        title: 'Sign in first',
        status: 401,
        detail: 'reading /metrics takes the bearer token METRICS_TOKEN',
      });
    }
    void reply.header('content-type', PROMETHEUS_CONTENT_TYPE);
    return metricsExposition();
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
