import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRISMA_MIGRATE_LOCK_KEY, MigrationLockTimeoutError } from './advisory-lock.js';
import { migrationChecksum } from './checksum.js';
import { migrate } from './migrate.js';
import {
  FailedMigrationFoundError,
  MigrationChecksumMismatchError,
  MigrationFailedError,
  MigrationsDirectoryError,
} from './migration.errors.js';

let server: TestPostgres;
let root: string;
let databases = 0;

beforeAll(async () => {
  server = await startTestPostgres();
  root = await mkdtemp(join(tmpdir(), 'migrate-spec-'));
});
afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

/** A fresh database and an empty migrations folder for one test. */
async function fixture(): Promise<{ url: string; dir: string }> {
  const name = `db_${++databases}`;
  await server.ensureDatabase(name);
  const dir = join(root, name);
  await mkdir(dir);
  await writeFile(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  return { url: server.url(name), dir };
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'migration.sql'), sql);
}

async function query<Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const CREATE_A = 'CREATE TABLE "a" ("id" INTEGER NOT NULL);\n';
const CREATE_B = 'CREATE TABLE "b" ("a_id" INTEGER NOT NULL);\n';

describe('migrate', () => {
  it('applies the folders in name order and records each one the way Prisma does', async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250102000000_b_needs_a', 'ALTER TABLE "a" ADD COLUMN "b" TEXT;\n');
    await addMigration(dir, '20250101000000_a', CREATE_A);

    const result = await migrate({ databaseUrl: url, migrationsDir: dir });

    expect(result).toEqual({
      applied: ['20250101000000_a', '20250102000000_b_needs_a'],
      alreadyApplied: [],
    });
    const rows = await query<Record<string, unknown>>(
      url,
      'SELECT * FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows).toEqual([
      expect.objectContaining({
        migration_name: '20250101000000_a',
        checksum: migrationChecksum(CREATE_A),
        logs: null,
        rolled_back_at: null,
        finished_at: expect.any(Date) as Date,
        applied_steps_count: 1,
      }),
      expect.objectContaining({
        migration_name: '20250102000000_b_needs_a',
        applied_steps_count: 1,
      }),
    ]);
    expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('applies nothing the second time and only the new folder after one is added', async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    await migrate({ databaseUrl: url, migrationsDir: dir });

    expect(await migrate({ databaseUrl: url, migrationsDir: dir })).toEqual({
      applied: [],
      alreadyApplied: ['20250101000000_a'],
    });
    await addMigration(dir, '20250103000000_b', CREATE_B);
    expect((await migrate({ databaseUrl: url, migrationsDir: dir })).applied).toEqual([
      '20250103000000_b',
    ]);
  });

  it('refuses to run when an applied migration file was edited, naming it', async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    await migrate({ databaseUrl: url, migrationsDir: dir });
    await addMigration(dir, '20250101000000_a', CREATE_A.replace('INTEGER', 'BIGINT'));
    await addMigration(dir, '20250103000000_b', CREATE_B);

    const run = migrate({ databaseUrl: url, migrationsDir: dir });

    await expect(run).rejects.toThrow(MigrationChecksumMismatchError);
    await expect(run).rejects.toThrow(
      'migration 20250101000000_a was modified after it was applied',
    );
    expect(await query(url, "SELECT to_regclass('b') AS b")).toEqual([{ b: null }]);
  });

  it('accepts an applied file whose only change is CRLF line endings', async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    await migrate({ databaseUrl: url, migrationsDir: dir });
    await addMigration(dir, '20250101000000_a', CREATE_A.replaceAll('\n', '\r\n'));

    expect((await migrate({ databaseUrl: url, migrationsDir: dir })).alreadyApplied).toEqual([
      '20250101000000_a',
    ]);
  });

  it('rolls a failing migration back whole, keeps a rolled-back trace, and applies it once fixed', async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    await addMigration(dir, '20250102000000_broken', `${CREATE_B}SELECT * FROM "missing";\n`);

    const run = migrate({ databaseUrl: url, migrationsDir: dir });

    await expect(run).rejects.toThrow(MigrationFailedError);
    await expect(run).rejects.toThrow(
      /migration 20250102000000_broken failed and was rolled back: .*"missing"/,
    );
    expect(
      await query(url, "SELECT to_regclass('a') IS NOT NULL AS a, to_regclass('b') AS b"),
    ).toEqual([{ a: true, b: null }]);
    const trace = await query(
      url,
      "SELECT finished_at, rolled_back_at IS NOT NULL AS rolled_back, logs LIKE '%missing%' AS has_logs FROM _prisma_migrations WHERE migration_name = '20250102000000_broken'",
    );
    expect(trace).toEqual([{ finished_at: null, rolled_back: true, has_logs: true }]);

    await addMigration(dir, '20250102000000_broken', CREATE_B);
    expect((await migrate({ databaseUrl: url, migrationsDir: dir })).applied).toEqual([
      '20250102000000_broken',
    ]);
  });

  it('refuses to run over a failure Prisma recorded and nobody resolved', async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    await migrate({ databaseUrl: url, migrationsDir: dir });
    await query(
      url,
      "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'y', '20250102000000_half_done')",
    );

    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toThrow(
      FailedMigrationFoundError,
    );
  });

  it('applies each migration exactly once when several instances start at the same moment', async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    await addMigration(dir, '20250102000000_b', CREATE_B);

    const results = await Promise.all(
      Array.from({ length: 4 }, () => migrate({ databaseUrl: url, migrationsDir: dir })),
    );

    expect(results.flatMap((result) => result.applied).sort()).toEqual([
      '20250101000000_a',
      '20250102000000_b',
    ]);
    expect(await query(url, 'SELECT count(*)::int AS rows FROM _prisma_migrations')).toEqual([
      { rows: 2 },
    ]);
  });

  it("waits for Prisma's advisory lock and gives up after the lock timeout", async () => {
    const { url, dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      const started = Date.now();
      await expect(
        migrate({ databaseUrl: url, migrationsDir: dir, lockTimeoutMs: 300 }),
      ).rejects.toThrow(MigrationLockTimeoutError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(await query(url, "SELECT to_regclass('a') AS a")).toEqual([{ a: null }]);
    } finally {
      await holder.end();
    }
    expect((await migrate({ databaseUrl: url, migrationsDir: dir })).applied).toEqual([
      '20250101000000_a',
    ]);
  });

  it('creates the database first when asked to', async () => {
    const { dir } = await fixture();
    await addMigration(dir, '20250101000000_a', CREATE_A);
    const url = server.url('created_by_migrate');

    await migrate({ databaseUrl: url, migrationsDir: dir, createDatabase: true });

    expect(await query(url, "SELECT to_regclass('a') IS NOT NULL AS a")).toEqual([{ a: true }]);
  });

  it('refuses a migrations folder written for another provider', async () => {
    const { url, dir } = await fixture();
    await writeFile(join(dir, 'migration_lock.toml'), 'provider = "mysql"\n');

    await expect(migrate({ databaseUrl: url, migrationsDir: dir })).rejects.toThrow(
      MigrationsDirectoryError,
    );
  });
});
