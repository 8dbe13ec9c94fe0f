import { Module, type DynamicModule, type InjectionToken, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { createPrismaClient, type PrismaClientClass } from '@shop/database';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { databaseReadiness, PrismaModule, type PrismaLike } from '../database/prisma.module.js';
import { HealthController } from '../health/health.controller.js';
import { READINESS_CHECKS, type ReadinessCheck } from '../health/readiness-check.js';
import { createLogger, type LoggerSettings } from '../logging/create-logger.js';
import { LoggingModule } from '../logging/logging.module.js';
import { METRICS_TOKEN, MetricsController } from '../metrics/metrics.controller.js';
import type { Injected, ServiceFeature } from './service-feature.js';

/** The settings every service reads (each app's config schema has them). */
export interface ServiceSettings {
  readonly LOG_LEVEL: string;
  readonly SHUTDOWN_DRAIN_MS: number;
  readonly DATABASE_URL?: string;
  readonly DATABASE_POOL_SIZE?: number;
  /** The bearer token `GET /metrics` asks for; without one the service serves no metrics. */
  readonly METRICS_TOKEN?: string;
}

export interface ServiceModuleOptions {
  readonly name: string;
  readonly config: ServiceSettings;
  /** The service's generated Prisma Client class: provided under itself, checked by readiness. */
  readonly database?: PrismaClientClass<PrismaLike>;
  readonly features?: readonly ServiceFeature[];
  /** Where the JSON log lines go; stdout unless a test reads them. */
  readonly logDestination?: LoggerSettings['destination'];
}

/** The Nest microservices the app connects before it starts (see `startServiceApp`). */
export const SERVICE_TRANSPORTS = Symbol('SERVICE_TRANSPORTS');
/** The service's database client (its Prisma Client), for libs that need raw SQL (inbox, relay). */
export const SERVICE_DATABASE = Symbol('SERVICE_DATABASE');
/** The service's pino logger, for code that logs outside a request (relays, consumers). */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');

/**
 * What every service has, wired one way: JSON logging, its own database,
 * `/health/live` and `/health/ready` over every real dependency, `/metrics`
 * for Prometheus, graceful
 * shutdown, and its features (inbox, relay, transports). Global, so the app's
 * own modules inject what it provides.
 */
@Module({})
export class ServiceModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    const { name, config, database, features = [] } = options;
    const logger = createLogger({
      service: name,
      level: config.LOG_LEVEL,
      ...(options.logDestination ? { destination: options.logDestination } : {}),
    });
    const readiness: Injected<ReadinessCheck>[] = features.flatMap((f) => f.readiness ?? []);
    if (database) {
      readiness.unshift({ inject: [database], use: (db: PrismaLike) => databaseReadiness(db) });
    }
    const transports = features.flatMap((f) => f.transport ?? []);
    return {
      module: ServiceModule,
      global: true,
      imports: [
        LoggingModule.forRoot(logger),
        ...(database ? [databaseModule(database, config)] : []),
        TerminusModule.forRoot({
          gracefulShutdownTimeoutMs: config.SHUTDOWN_DRAIN_MS,
          errorLogStyle: 'json',
        }),
        ...features.flatMap((f) => f.imports ?? []),
      ],
      controllers: [HealthController, ...(config.METRICS_TOKEN ? [MetricsController] : [])],
      providers: [
        ...(config.METRICS_TOKEN
          ? [{ provide: METRICS_TOKEN, useValue: config.METRICS_TOKEN }]
          : []),
        { provide: SERVICE_LOGGER, useValue: logger },
        combined(READINESS_CHECKS, readiness),
        combined<MicroserviceOptions>(SERVICE_TRANSPORTS, transports),
        ...(database ? [{ provide: SERVICE_DATABASE, useExisting: database }] : []),
        ...features.flatMap((f) => f.providers ?? []),
      ],
      exports: [
        SERVICE_LOGGER,
        SERVICE_TRANSPORTS,
        ...(database ? [SERVICE_DATABASE] : []),
        ...features.flatMap((f) => f.exports ?? []),
      ],
    };
  }
}

function databaseModule(client: PrismaClientClass<PrismaLike>, config: ServiceSettings) {
  const { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: poolSize = 10 } = config;
  if (databaseUrl === undefined) throw new Error('a service with a database needs DATABASE_URL');
  return PrismaModule.forRoot(client, () => createPrismaClient(client, { databaseUrl, poolSize }));
}

// One provider holding the values of many, each built from its own injections.
function combined<T>(token: symbol, parts: readonly Injected<T>[]): Provider {
  const inject: InjectionToken[] = parts.flatMap((part) => part.inject ?? []);
  return {
    provide: token,
    inject,
    useFactory: (...deps: never[]) => {
      let next = 0;
      return parts.map((part) => {
        const count = part.inject?.length ?? 0;
        const own = deps.slice(next, next + count);
        next += count;
        return part.use(...own);
      });
    },
  };
}
