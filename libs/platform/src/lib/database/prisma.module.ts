import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { pingDatabase, type RawQueryable } from '@shop/database';
import type { ReadinessCheck } from '../health/readiness-check.js';

/** What the platform needs of a service's generated Prisma Client. */
export interface PrismaLike extends RawQueryable {
  $disconnect(): Promise<void>;
}

type ClientClass<C> = abstract new (...args: never[]) => C;

/**
 * Provides a service's Prisma Client under its own class as the injection
 * token (`@Inject(PrismaClient)`), and closes its pool on shutdown — after the
 * HTTP server has drained, so in-flight requests can still use it.
 */
@Module({})
export class PrismaModule {
  static forRoot<C extends PrismaLike>(token: ClientClass<C>, create: () => C): DynamicModule {
    return {
      module: PrismaModule,
      global: true,
      providers: [
        { provide: token, useFactory: create },
        {
          provide: PrismaDisconnect,
          inject: [token],
          useFactory: (client: C) => new PrismaDisconnect(client),
        },
      ],
      exports: [token],
    };
  }
}

class PrismaDisconnect implements OnApplicationShutdown {
  constructor(private readonly client: PrismaLike) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.$disconnect();
  }
}

/** Readiness of the service's own database: `SELECT 1` answers in time. */
export function databaseReadiness(client: RawQueryable): ReadinessCheck {
  return {
    name: 'database',
    check: async () => {
      const result = await pingDatabase(client, 1_500);
      if (!result.ready) throw new Error(result.reason);
    },
  };
}
