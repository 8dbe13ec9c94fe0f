import { fileURLToPath } from 'node:url';
import { createMigratedDatabase } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import pg from 'pg';

// The tables this library works on belong to the services: test against their committed migrations.
const MIGRATIONS = {
  checkout: '../../../../apps/checkout/prisma/migrations',
  enrollment: '../../../../apps/enrollment/prisma/migrations',
} as const;

export interface ServiceDatabase {
  readonly pool: pg.Pool;
  stop(): Promise<void>;
}

/** A fresh PostgreSQL with one service's schema, for one test file. */
export async function startServiceDatabase(
  service: keyof typeof MIGRATIONS,
): Promise<ServiceDatabase> {
  const server: TestPostgres = await startTestPostgres();
  try {
    const migrations = fileURLToPath(new URL(MIGRATIONS[service], import.meta.url));
    const { url } = await createMigratedDatabase(server, service, migrations);
    const pool = new pg.Pool({ connectionString: url, max: 20 });
    // pool.end() may resolve before every socket has closed; the server's goodbye (57P01) is not a failure.
    pool.on('error', () => undefined);
    return {
      pool,
      stop: async () => {
        await pool.end();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
