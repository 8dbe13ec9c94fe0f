import pg from 'pg';
import { migrate, type MigrateResult } from '../lib/migrations/migrate.js';
import { readMigrationsDirectory } from '../lib/migrations/migrations-directory.js';

/** The part of a local or test PostgreSQL this helper needs. */
export interface DatabaseServer {
  readonly url: (database: string) => string;
}

/**
 * A brand-new database built from the committed migrations alone, through the
 * same runner the services start with.
 */
export async function createMigratedDatabase(
  server: DatabaseServer,
  name: string,
  migrationsDir: string,
): Promise<{ url: string; result: MigrateResult }> {
  const url = server.url(name);
  const result = await migrate({ databaseUrl: url, migrationsDir, createDatabase: true });
  return { url, result };
}

// The column list of Prisma's own CREATE TABLE _prisma_migrations, as information_schema reports it.
const PRISMA_HISTORY_COLUMNS = [
  'id character varying(36) NOT NULL',
  'checksum character varying(64) NOT NULL',
  'finished_at timestamp with time zone NULL',
  'migration_name character varying(255) NOT NULL',
  'logs text NULL',
  'rolled_back_at timestamp with time zone NULL',
  'started_at timestamp with time zone NOT NULL DEFAULT now()',
  'applied_steps_count integer NOT NULL DEFAULT 0',
];

/**
 * Lists every way `_prisma_migrations` differs from what `prisma migrate deploy`
 * would have left for this folder; empty when they agree.
 */
export async function prismaHistoryProblems(url: string, migrationsDir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ text: string }>(
      `SELECT column_name || ' ' ||
              CASE WHEN character_maximum_length IS NULL THEN data_type
                   ELSE data_type || '(' || character_maximum_length || ')' END ||
              CASE WHEN is_nullable = 'YES' THEN ' NULL' ELSE ' NOT NULL' END ||
              COALESCE(' DEFAULT ' || column_default, '') AS text
         FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    const rows = await client.query<{ migration_name: string; checksum: string; ok: boolean }>(
      `SELECT migration_name, checksum,
              finished_at IS NOT NULL AND rolled_back_at IS NULL AND logs IS NULL AND applied_steps_count = 1 AS ok
         FROM _prisma_migrations ORDER BY started_at`,
    );
    const expected = (await readMigrationsDirectory(migrationsDir)).map((m) => ({
      name: m.name,
      checksum: m.checksum,
    }));
    const problems: string[] = [];
    const actualColumns = columns.rows.map((row) => row.text);
    if (JSON.stringify(actualColumns) !== JSON.stringify(PRISMA_HISTORY_COLUMNS)) {
      problems.push(`_prisma_migrations columns differ from Prisma's: ${actualColumns.join(', ')}`);
    }
    const actual = rows.rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      problems.push(`history ${JSON.stringify(actual)} != folders ${JSON.stringify(expected)}`);
    }
    for (const row of rows.rows.filter((r) => !r.ok))
      problems.push(`${row.migration_name} is not recorded as finished`);
    for (const row of rows.rows) {
      if (!/^[0-9a-f]{64}$/.test(row.checksum))
        problems.push(`${row.migration_name} checksum is not sha256 hex`);
    }
    return problems;
  } finally {
    await client.end();
  }
}
