import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** A row of `_prisma_migrations`. */
export interface AppliedMigration {
  readonly id: string;
  readonly checksum: string;
  readonly migration_name: string;
  readonly logs: string | null;
  readonly started_at: Date;
  readonly finished_at: Date | null;
  readonly rolled_back_at: Date | null;
  readonly applied_steps_count: number;
}

// Verbatim from Prisma's schema engine (sql-schema-connector, PostgresFlavour::create_migrations_table),
// so `prisma migrate deploy` finds the table it would have created.
const CREATE_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export async function ensureMigrationsTable(client: pg.ClientBase): Promise<void> {
  const found = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
  );
  if (found.rows[0]?.exists !== true) await client.query(CREATE_TABLE);
}

export async function listAppliedMigrations(client: pg.ClientBase): Promise<AppliedMigration[]> {
  const result = await client.query<AppliedMigration>(
    'SELECT * FROM _prisma_migrations ORDER BY started_at ASC',
  );
  return result.rows;
}

/** What Prisma writes when it starts a migration: a fresh uuid id, the checksum, the start time. */
export async function recordStarted(
  client: pg.ClientBase,
  name: string,
  checksum: string,
): Promise<string> {
  const id = randomUUID();
  await client.query(
    'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())',
    [id, checksum, name],
  );
  return id;
}

/** What Prisma writes after the script ran: one more applied step and the finish time. */
export async function recordFinished(client: pg.ClientBase, id: string): Promise<void> {
  await client.query(
    'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1',
    [id],
  );
}

/**
 * Keeps a trace of a failed attempt. Our transaction already undid the script,
 * so the row is born rolled back: `prisma migrate deploy` ignores it, exactly as
 * after `prisma migrate resolve --rolled-back`.
 */
export async function recordRolledBack(
  client: pg.ClientBase,
  name: string,
  checksum: string,
  logs: string,
): Promise<void> {
  await client.query(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, rolled_back_at)
     VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp())`,
    [randomUUID(), checksum, name, logs],
  );
}
