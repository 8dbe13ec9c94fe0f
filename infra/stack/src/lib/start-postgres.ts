import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  developmentRolePassword,
  grantServiceRole,
  migrate,
  type ServiceRole,
} from '@shop/database';
import { createHash } from 'node:crypto';
import { DataDirUnreachableError, startLocalPostgres } from '@shop/local-postgres';
import pg from 'pg';
import { APPS, type AppName, type StackAddresses } from './stack-components.js';
import type { StackPorts } from './stack.config.js';

export async function startPostgres(
  dataDir: string,
  ports: StackPorts,
  log: (line: string) => void,
) {
  const started = Date.now();
  const postgres = await startLocalPostgres({
    dataDir: join(dataDir, 'postgres'),
    port: ports.POSTGRES_PORT,
  }).catch((error: unknown) => {
    if (!(error instanceof DataDirUnreachableError)) throw error;
    // As root, PostgreSQL runs as `postgres`, which cannot enter e.g. /root;
    // keep its data in a stable place it can reach instead.
    const fallback = join('/var/tmp', 'course-shop', hashOf(dataDir), 'postgres');
    log(
      `postgres     ${error.dataDir} is closed to the '${error.user}' user; keeping its data in ${fallback}`,
    );
    return startLocalPostgres({ dataDir: fallback, port: ports.POSTGRES_PORT });
  });
  const how = postgres.initialised ? 'new cluster' : 'reusing existing data';
  log(`postgres     ready on 127.0.0.1:${postgres.port} (${how}, ${Date.now() - started} ms)`);
  return postgres;
}

/** A PostgreSQL the caller runs: each service's database sits beside the admin URL's. */
export function externalPostgres(adminUrl: string, log: (line: string) => void) {
  const url = (database: string) => {
    const at = new URL(adminUrl);
    at.pathname = `/${encodeURIComponent(database)}`;
    return at.toString();
  };
  const { host } = new URL(adminUrl);
  log(`postgres     using ${host} (not starting one)`);
  return { url, port: Number(new URL(adminUrl).port || 5432) };
}

function hashOf(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 12);
}

/**
 * Each app's own PostgreSQL role, named after it, with a development password:
 * the stack runs on 127.0.0.1 for one developer (compose reads `<APP>_DB_PASSWORD`).
 */
export function databaseRoleOf(app: AppName): ServiceRole {
  return { role: app, password: developmentRolePassword(app) };
}

/**
 * Creates each service's database, applies its committed migrations, then its
 * demo seed (if any), as the admin; then grants the app's own role the use of
 * that database and nothing else.
 */
export async function migrateDatabases(
  root: string,
  at: StackAddresses,
  log: (line: string) => void,
) {
  await Promise.all(
    APPS.filter((app) => app.ownsDatabase).map(async (app) => {
      const result = await migrate({
        databaseUrl: at.databaseUrl(app.name),
        migrationsDir: join(root, 'apps', app.name, 'prisma', 'migrations'),
        createDatabase: true,
      });
      const seeded = await applySeed(root, app.name, at.databaseUrl(app.name));
      await grantServiceRole(at.databaseUrl(app.name), databaseRoleOf(app.name));
      const applied = `${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already`;
      log(
        `${app.name.padEnd(12)} database ready (${applied}${seeded ? ', demo data seeded' : ''}; the app connects as role '${app.name}')`,
      );
    }),
  );
}

async function applySeed(root: string, app: string, databaseUrl: string): Promise<boolean> {
  const seedFile = join(root, 'apps', app, 'prisma', 'seed.sql');
  if (!existsSync(seedFile)) return false;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(await readFile(seedFile, 'utf8'));
    return true;
  } finally {
    await client.end();
  }
}
