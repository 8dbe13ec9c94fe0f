import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { grantServiceRole, type ServiceRole } from '../roles/service-role.js';
import { migrate, type MigrateResult } from './migrate.js';

export interface MigrateAllOptions {
  /** One folder per database: `<root>/<database>/migrations`, optionally `<root>/<database>/seed.sql`. */
  readonly root: string;
  /** The server, e.g. `postgres://user:pass@host:5432`; each database's name replaces its path. */
  readonly serverUrl: string;
  /** Run each database's `seed.sql` after its migrations (demo data; it must be safe to run again). */
  readonly seed?: boolean;
  /** Each database's runtime role (`grantServiceRole`), granted after its migrations and seed. */
  readonly roles?: Readonly<Record<string, ServiceRole>>;
  readonly log?: (message: string) => void;
}

export interface DatabaseMigrated extends MigrateResult {
  readonly database: string;
  readonly seeded: boolean;
}

/**
 * Creates and migrates every database found under `root`, one after the
 * other — the one-shot step a deployment runs before any service starts
 * (docker-compose's `migrate` service), so replicas never race to migrate.
 */
export async function migrateAll(options: MigrateAllOptions): Promise<DatabaseMigrated[]> {
  const log = options.log ?? (() => undefined);
  const databases = await databasesIn(options.root);
  const results: DatabaseMigrated[] = [];
  for (const database of databases) {
    const url = new URL(options.serverUrl);
    url.pathname = `/${database}`;
    const result = await migrate({
      databaseUrl: url.toString(),
      migrationsDir: join(options.root, database, 'migrations'),
      createDatabase: true,
      log: (message) => {
        log(`${database}: ${message}`);
      },
    });
    const seedFile = join(options.root, database, 'seed.sql');
    const seeded = options.seed === true && existsSync(seedFile);
    if (seeded) await runSql(url.toString(), await readFile(seedFile, 'utf8'));
    const role = options.roles?.[database];
    if (role) await grantServiceRole(url.toString(), role);
    log(
      `${database}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already applied${seeded ? ', seed applied' : ''}${role ? `, role '${role.role}' granted` : ''}`,
    );
    results.push({ database, seeded, ...result });
  }
  return results;
}

/** The databases under `root`: each folder holding a `migrations` folder, sorted. */
export async function databasesIn(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => existsSync(join(root, name, 'migrations')))
    .sort();
}

async function runSql(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
