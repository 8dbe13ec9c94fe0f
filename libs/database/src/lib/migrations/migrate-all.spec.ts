import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from './migrate-all.js';

let server: TestPostgres;
let root: string;

beforeAll(async () => {
  server = await startTestPostgres();
  root = await mkdtemp(join(tmpdir(), 'migrate-all-spec-'));
});
afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

async function addDatabase(name: string, migrationSql: string, seedSql?: string) {
  const dir = join(root, name, 'migrations', '20250101000000_init');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(root, name, 'migrations', 'migration_lock.toml'),
    'provider = "postgresql"\n',
  );
  await writeFile(join(dir, 'migration.sql'), migrationSql);
  if (seedSql !== undefined) await writeFile(join(root, name, 'seed.sql'), seedSql);
}

async function rows(database: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrateAll', () => {
  it('creates and migrates one database per folder, seeds it, and is safe to run again', async () => {
    await addDatabase(
      'shop_a',
      'CREATE TABLE "course" ("id" INTEGER PRIMARY KEY);\n',
      'INSERT INTO "course" VALUES (1) ON CONFLICT DO NOTHING;\n',
    );
    await addDatabase('shop_b', 'CREATE TABLE "seat" ("id" INTEGER PRIMARY KEY);\n');
    const serverUrl = server.url('postgres');

    const first = await migrateAll({ root, serverUrl, seed: true });
    const again = await migrateAll({ root, serverUrl, seed: true });

    expect(first.map(({ database, applied, seeded }) => ({ database, applied, seeded }))).toEqual([
      { database: 'shop_a', applied: ['20250101000000_init'], seeded: true },
      { database: 'shop_b', applied: ['20250101000000_init'], seeded: false },
    ]);
    expect(again.map(({ applied }) => applied)).toEqual([[], []]);
    expect(await rows('shop_a', 'SELECT "id" FROM "course"')).toEqual([{ id: 1 }]);
    expect(await rows('shop_b', 'SELECT count(*)::int AS n FROM "seat"')).toEqual([{ n: 0 }]);
  });
});
