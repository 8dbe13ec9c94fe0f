import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { PeriodicPurge } from '../sql/periodic-purge.js';
import type { SqlClient } from '../sql/sql-client.js';
import { inbox } from './inbox.js';

export interface InboxModuleOptions {
  /** The provider of the database client, e.g. the service's `PrismaClient` class. */
  readonly database: InjectionToken;
  /**
   * How long a handled message id is remembered. Keep it longer than any
   * broker may redeliver (Kafka's retention, a parked command's stay):
   * a message seen after its id was forgotten is handled again. Default 30 days.
   */
  readonly keepMs?: number;
  /** How often old ids are deleted. Default 1 hour. */
  readonly purgeIntervalMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the inbox's old message ids periodically while the application runs. */
@Module({})
export class InboxModule {
  static forRoot(options: InboxModuleOptions): DynamicModule {
    const keepMs = options.keepMs ?? 30 * DAY_MS;
    return {
      module: InboxModule,
      providers: [
        {
          provide: PeriodicPurge,
          inject: [options.database],
          useFactory: (db: SqlClient) =>
            new PeriodicPurge(
              'old inbox message ids',
              options.purgeIntervalMs ?? 60 * 60 * 1000,
              () => inbox.purgeReceivedBefore(db, new Date(Date.now() - keepMs)),
            ),
        },
      ],
    };
  }
}
