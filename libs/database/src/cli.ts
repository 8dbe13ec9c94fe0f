#!/usr/bin/env node
// shop-db: applies services' committed Prisma migrations without Prisma's schema engine.
//   node libs/database/dist/cli.js migrate --dir apps/checkout/prisma/migrations --url postgres://… [--create-database]
//   node libs/database/dist/cli.js migrate-all --root <dir> --url postgres://host:5432 [--seed] [--service-roles]
import { parseArgs } from 'node:util';
import { migrate } from './lib/migrations/migrate.js';
import { databasesIn, migrateAll } from './lib/migrations/migrate-all.js';
import { serviceRolesFromEnv } from './lib/roles/service-role.js';

const USAGE = [
  'usage: shop-db migrate --dir <prisma/migrations> [--url <postgres url> | DATABASE_URL] [--create-database] [--lock-timeout-ms <ms>]',
  '       shop-db migrate-all --root <dir with <database>/migrations> [--url <server url> | DATABASE_URL] [--seed] [--service-roles]',
  '         --service-roles: each database gets its own runtime role, named after it, password from <DATABASE>_DB_PASSWORD',
].join('\n');

const log = (message: string) => {
  console.log(message);
};

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      root: { type: 'string' },
      url: { type: 'string' },
      seed: { type: 'boolean', default: false },
      'service-roles': { type: 'boolean', default: false },
      'create-database': { type: 'boolean', default: false },
      'lock-timeout-ms': { type: 'string' },
    },
  });
  const databaseUrl = values.url ?? process.env.DATABASE_URL;
  if (positionals[0] === 'migrate-all' && values.root !== undefined && databaseUrl !== undefined) {
    const roles = values['service-roles']
      ? serviceRolesFromEnv(await databasesIn(values.root))
      : undefined;
    const results = await migrateAll({
      root: values.root,
      serverUrl: databaseUrl,
      seed: values.seed,
      ...(roles ? { roles } : {}),
      log,
    });
    console.log(`${results.length} database(s) migrated`);
    return 0;
  }
  if (positionals[0] !== 'migrate' || values.dir === undefined || databaseUrl === undefined) {
    console.error(USAGE);
    return 2;
  }
  const lockTimeout = values['lock-timeout-ms'];
  const result = await migrate({
    databaseUrl,
    migrationsDir: values.dir,
    createDatabase: values['create-database'],
    ...(lockTimeout === undefined ? {} : { lockTimeoutMs: Number(lockTimeout) }),
    log,
  });
  console.log(
    `${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already applied`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
