import pg from 'pg';
import { acquireMigrationLock, releaseMigrationLock } from './advisory-lock.js';
import { checksumMatches } from './checksum.js';
import { createDatabaseIfMissing } from './create-database.js';
import {
  FailedMigrationFoundError,
  MigrationChecksumMismatchError,
  MigrationFailedError,
} from './migration.errors.js';
import { readMigrationsDirectory, type MigrationFile } from './migrations-directory.js';
import {
  ensureMigrationsTable,
  listAppliedMigrations,
  recordFinished,
  recordRolledBack,
  recordStarted,
  type AppliedMigration,
} from './migrations-table.js';

export interface MigrateOptions {
  /** The service's database, e.g. `postgres://…/checkout`. */
  readonly databaseUrl: string;
  /** The service's `prisma/migrations` folder. */
  readonly migrationsDir: string;
  /** Create the database first when it does not exist. Default false. */
  readonly createDatabase?: boolean;
  /** How long to wait for another migrator's lock. Default 10 s, as Prisma. */
  readonly lockTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

export interface MigrateResult {
  /** Migrations this run applied, in order. */
  readonly applied: readonly string[];
  /** Migrations that were already applied before this run. */
  readonly alreadyApplied: readonly string[];
}

/**
 * Applies the committed migrations that are not applied yet, like
 * `prisma migrate deploy` but without Prisma's schema engine: each one in its
 * own transaction, recorded in `_prisma_migrations` exactly as Prisma records
 * it, under Prisma's advisory lock. Refuses to run when an applied migration's
 * file changed or an earlier failure was never resolved.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const migrations = await readMigrationsDirectory(options.migrationsDir);
  if (options.createDatabase === true && (await createDatabaseIfMissing(options.databaseUrl))) {
    log(`created database ${new URL(options.databaseUrl).pathname.slice(1)}`);
  }
  const client = new pg.Client({ connectionString: options.databaseUrl });
  // A dropped connection surfaces through the failing query; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await acquireMigrationLock(client, options.lockTimeoutMs ?? 10_000);
    try {
      return await applyPending(client, migrations, log);
    } finally {
      await releaseMigrationLock(client);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: pg.Client,
  migrations: readonly MigrationFile[],
  log: (message: string) => void,
): Promise<MigrateResult> {
  await ensureMigrationsTable(client);
  const history = (await listAppliedMigrations(client)).filter(
    (row) => row.rolled_back_at === null,
  );
  assertHistoryIsSound(history, migrations);
  const done = new Set(history.map((row) => row.migration_name));
  const pending = migrations.filter((migration) => !done.has(migration.name));
  for (const migration of pending) {
    await applyOne(client, migration);
    log(`applied ${migration.name}`);
  }
  return {
    applied: pending.map((migration) => migration.name),
    alreadyApplied: migrations.filter((m) => done.has(m.name)).map((m) => m.name),
  };
}

function assertHistoryIsSound(
  history: readonly AppliedMigration[],
  migrations: readonly MigrationFile[],
): void {
  const failed = history.find((row) => row.finished_at === null);
  if (failed !== undefined) throw new FailedMigrationFoundError(failed.migration_name);
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of history) {
    const file = byName.get(row.migration_name);
    if (file !== undefined && !checksumMatches(file.script, row.checksum)) {
      throw new MigrationChecksumMismatchError(row.migration_name);
    }
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = await recordStarted(client, migration.name, migration.checksum);
    // No parameters: the simple query protocol runs a multi-statement script as is.
    await client.query(migration.script);
    await recordFinished(client, id);
    await client.query('COMMIT');
  } catch (error) {
    // Best effort: if the connection itself broke, the original error is the one worth reporting.
    await client
      .query('ROLLBACK')
      .then(() => recordRolledBack(client, migration.name, migration.checksum, String(error)))
      .catch(() => undefined);
    throw new MigrationFailedError(migration.name, error);
  }
}
