import type { InjectionToken, ModuleMetadata, Provider } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { ReadinessCheck } from '../health/readiness-check.js';

/** A value built by Nest from the providers named in `inject`. */
export interface Injected<T> {
  readonly inject?: readonly InjectionToken[];
  readonly use: (...deps: never[]) => T;
}

/**
 * One piece a service is made of, attached by `ServiceModule.forRoot`: the
 * modules and providers it brings (app-wide), the readiness check it adds to
 * `/health/ready`, and, for an inbound transport, the Nest microservice the
 * app connects before it starts. The libs export one factory per piece
 * (`inboxFeature`, `kafkaConsumer`, `outboxRelay`, `grpcServer`).
 */
export interface ServiceFeature {
  readonly imports?: ModuleMetadata['imports'];
  readonly providers?: readonly Provider[];
  /** Exported from the service module, so the app's own modules can inject them. */
  readonly exports?: readonly InjectionToken[];
  readonly readiness?: Injected<ReadinessCheck>;
  readonly transport?: Injected<MicroserviceOptions>;
}
