import { PrismaPg } from '@prisma/adapter-pg';

/** Connection settings for one service's Prisma Client. */
export interface PrismaClientSettings {
  readonly databaseUrl: string;
  /** Most connections the pool opens. */
  readonly poolSize: number;
  /** Give up opening a connection after this long. Default 5 s. */
  readonly connectionTimeoutMs?: number;
  /** Close connections idle for this long. Default 30 s. */
  readonly idleTimeoutMs?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted). */
  readonly onPoolError?: (error: Error) => void;
}

/** The constructor shape every generated `PrismaClient` class has. */
export type PrismaClientClass<Client> = new (options: { adapter: PrismaPg }) => Client;

/**
 * Builds a service's generated Prisma Client on the `pg` driver adapter: no
 * Rust query engine, a `pg.Pool` sized from configuration.
 *
 * @example
 * import { PrismaClient } from './generated/prisma/client.js';
 * const prisma = createPrismaClient(PrismaClient, { databaseUrl, poolSize: 10 });
 */
export function createPrismaClient<Client>(
  PrismaClient: PrismaClientClass<Client>,
  settings: PrismaClientSettings,
): Client {
  const adapter = new PrismaPg(
    {
      connectionString: settings.databaseUrl,
      max: settings.poolSize,
      connectionTimeoutMillis: settings.connectionTimeoutMs ?? 5_000,
      idleTimeoutMillis: settings.idleTimeoutMs ?? 30_000,
    },
    settings.onPoolError ? { onPoolError: settings.onPoolError } : undefined,
  );
  return new PrismaClient({ adapter });
}
