import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check.js';

export interface HealthModuleOptions {
  /**
   * How long to keep serving after SIGTERM while readiness already answers 503,
   * so a load balancer stops routing here before connections close.
   */
  readonly drainMs: number;
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: InjectionToken[];
  readonly checks: (...deps: never[]) => ReadinessCheck[];
}

/** `GET /health/live` and `GET /health/ready`, the latter over the service's real dependencies. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [
        TerminusModule.forRoot({
          gracefulShutdownTimeoutMs: options.drainMs,
          errorLogStyle: 'json',
        }),
        ...(options.imports ?? []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: READINESS_CHECKS, inject: options.inject ?? [], useFactory: options.checks },
      ],
    };
  }
}
