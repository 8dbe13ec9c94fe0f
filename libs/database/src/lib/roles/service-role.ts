import { loadConfig, secret, z } from '@shop/config';
import pg from 'pg';

/** The login a service connects with at run time: a role of its own, not the superuser. */
export interface ServiceRole {
  readonly role: string;
  readonly password: string;
}

const MIGRATIONS_TABLE = '_prisma_migrations';

/**
 * Gives a service's runtime role what it needs in its own database and nothing
 * else, as the admin that created and migrated it (`adminDatabaseUrl` names
 * that database): the role logs in, is no superuser and may not create roles
 * or databases; only it (and the admin) may connect to the database — CONNECT
 * and TEMPORARY are revoked from PUBLIC — and it may read and write the rows
 * of every table, use the sequences, but not change the schema nor the
 * migrations' history. Idempotent and safe to run at every start; sets the
 * password each time, so rotating it is running this again.
 */
export async function grantServiceRole(
  adminDatabaseUrl: string,
  login: ServiceRole,
): Promise<void> {
  const database = decodeURIComponent(new URL(adminDatabaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const role = client.escapeIdentifier(login.role);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(login.password)}`;
    await createOrAlterRole(client, login.role, attributes);
    const db = client.escapeIdentifier(database);
    await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${role}`);
    // PostgreSQL ≥ 15 no longer lets PUBLIC create in `public`; older servers did.
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    );
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    // What a later migration (run by this admin) creates is granted the same way.
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    );
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`,
    );
    // The migrations' history is the admin's: the service may read it, not rewrite it.
    const history = await client.query<{ exists: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS exists',
      [MIGRATIONS_TABLE],
    );
    if (history.rows[0]?.exists === true)
      await client.query(
        `REVOKE INSERT, UPDATE, DELETE ON ${client.escapeIdentifier(MIGRATIONS_TABLE)} FROM ${role}`,
      );
  } finally {
    await client.end();
  }
}

// CREATE ROLE has no IF NOT EXISTS; two services' roles may be made at once, so a lost race is an ALTER.
async function createOrAlterRole(client: pg.Client, name: string, attributes: string) {
  const role = client.escapeIdentifier(name);
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (found.rowCount === 0) {
    try {
      await client.query(`CREATE ROLE ${role} ${attributes}`);
      return;
    } catch (error) {
      // 42710 duplicate_object, or 23505 when a concurrent CREATE ROLE won.
      const code = (error as { code?: string }).code;
      if (code !== '42710' && code !== '23505') throw error;
    }
  }
  await client.query(`ALTER ROLE ${role} ${attributes}`);
}

/** The service's URL: the admin's database URL with the role's login instead. */
export function serviceRoleUrl(adminDatabaseUrl: string, login: ServiceRole): string {
  const url = new URL(adminDatabaseUrl);
  url.username = encodeURIComponent(login.role);
  url.password = encodeURIComponent(login.password);
  return url.toString();
}

/** The variable holding a service role's password: `CHECKOUT_DB_PASSWORD` for `checkout`. */
export function rolePasswordVariable(database: string): string {
  return `${database.toUpperCase().replaceAll(/[^A-Z0-9]/g, '_')}_DB_PASSWORD`;
}

/** The public development password of a database's role (refused outside development). */
export function developmentRolePassword(database: string): string {
  return `dev-only-${database}-database-password-change-me`;
}

/**
 * One role per database, named after it, its password from
 * `<DATABASE>_DB_PASSWORD` — a `secret()` of `@shop/config`: at least 32
 * characters, and outside `NODE_ENV=development` never the public default.
 */
export function serviceRolesFromEnv(
  databases: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Record<string, ServiceRole> {
  const schema = z.object(
    Object.fromEntries(
      databases.map((database) => [
        rolePasswordVariable(database),
        secret(
          developmentRolePassword(database),
          `Password of the '${database}' role, the only login of the ${database} service's database.`,
        ),
      ]),
    ),
  );
  const config = loadConfig('migrate', schema, env) as Record<string, string>;
  return Object.fromEntries(
    databases.map((database) => [
      database,
      { role: database, password: config[rolePasswordVariable(database)] ?? '' },
    ]),
  );
}
