import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check.js';

const CHECK_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
  ) {}

  /** Liveness: the process answers. Never checks dependencies (a DB outage must not restart us). */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers and we are not shutting down; 503 otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    // Terminus signals "not ready" by throwing; answer its report with 503
    // as is (probes read the status code, people read the report).
    return this.check().catch((error: unknown) => {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse();
    });
  }

  private check() {
    return this.health.check(
      this.checks.map(
        (dependency) => () =>
          this.indicators
            .check(dependency.name)
            .attempt(({ signal }) => dependency.check(signal))
            .withTimeout(CHECK_TIMEOUT_MS),
      ),
    );
  }
}
