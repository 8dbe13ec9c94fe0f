import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import type { SqlClient } from '../sql/sql-client.js';
import { IdempotencyKeyStore, type IdempotencyKeyStoreOptions } from './idempotency-key.store.js';
import { IdempotentOperations } from '../operation/idempotent-operations.js';
import { PeriodicPurge } from '../sql/periodic-purge.js';
import { IDEMPOTENCY_RETRY_AFTER, IdempotencyInterceptor } from './idempotency.interceptor.js';

export interface IdempotencyModuleOptions extends IdempotencyKeyStoreOptions {
  /** The provider of the database client, e.g. the service's `PrismaClient` class. */
  readonly database: InjectionToken;
  /** Retry-After (s) of a 409 while the first request is in flight. Default 1. */
  readonly retryAfterSeconds?: number;
  /** How often expired keys are deleted. Default 10 minutes. */
  readonly purgeIntervalMs?: number;
}

/**
 * Provides the key store, the interceptor behind `@Idempotent` and
 * `IdempotentOperations` (the same protocol for other transports), for the
 * whole application (import it once, in the root module); deletes expired
 * keys periodically while the application runs.
 */
@Module({})
export class IdempotencyModule {
  static forRoot(options: IdempotencyModuleOptions): DynamicModule {
    return {
      module: IdempotencyModule,
      global: true,
      providers: [
        {
          provide: IdempotencyKeyStore,
          inject: [options.database],
          useFactory: (db: SqlClient) => new IdempotencyKeyStore(db, options),
        },
        { provide: IDEMPOTENCY_RETRY_AFTER, useValue: options.retryAfterSeconds ?? 1 },
        IdempotencyInterceptor,
        {
          provide: PeriodicPurge,
          inject: [IdempotencyKeyStore],
          useFactory: (store: IdempotencyKeyStore) =>
            new PeriodicPurge(
              'expired idempotency keys',
              options.purgeIntervalMs ?? 10 * 60 * 1000,
              () => store.purgeExpired(),
            ),
        },
        {
          provide: IdempotentOperations,
          inject: [IdempotencyKeyStore, IDEMPOTENCY_RETRY_AFTER],
          useFactory: (store: IdempotencyKeyStore, retryAfterSeconds: number) =>
            new IdempotentOperations(store, retryAfterSeconds),
        },
      ],
      exports: [
        IdempotencyKeyStore,
        IDEMPOTENCY_RETRY_AFTER,
        IdempotencyInterceptor,
        IdempotentOperations,
      ],
    };
  }
}
