import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementOutcome } from '../../testing/statement-outcome.js';
import { migrateAll } from '../migrations/migrate-all.js';
import {
  developmentRolePassword,
  grantServiceRole,
  serviceRolesFromEnv,
  serviceRoleUrl,
  type ServiceRole,
} from './service-role.js';

let server: TestPostgres;
let root: string;
const roles: Record<string, ServiceRole> = {
  shop_orders: { role: 'shop_orders', password: 'orders-password-of-at-least-32-chars' },
  shop_seats: { role: 'shop_seats', password: 'seats-password-of-at-least-32-chars!' },
};
const urlAs = (database: string, login: ServiceRole) => serviceRoleUrl(server.url(database), login);

beforeAll(async () => {
  server = await startTestPostgres();
  root = await mkdtemp(join(tmpdir(), 'service-role-spec-'));
  for (const [database, table] of [
    ['shop_orders', 'orders'],
    ['shop_seats', 'seats'],
  ] as const) {
    const dir = join(root, database, 'migrations', '20250101000000_init');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(root, database, 'migrations', 'migration_lock.toml'),
      'provider = "postgresql"\n',
    );
    await writeFile(
      join(dir, 'migration.sql'),
      `CREATE TABLE "${table}" ("id" SERIAL PRIMARY KEY, "note" TEXT);\n`,
    );
  }
  // Migrated as the admin, then each database's role granted: what the stack and compose's migrate do.
  await migrateAll({ root, serverUrl: server.url('postgres'), roles });
}, 120_000);
afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

describe('a service’s own PostgreSQL role', () => {
  it('reads and writes the rows of its own database', async () => {
    const url = urlAs('shop_orders', roles.shop_orders!);
    expect(await statementOutcome(url, `INSERT INTO "orders" ("note") VALUES ('mine')`)).toBe('ok');
    expect(await statementOutcome(url, `UPDATE "orders" SET "note" = 'still mine'`)).toBe('ok');
    expect(await statementOutcome(url, `SELECT * FROM "orders"`)).toBe('ok');
    expect(await statementOutcome(url, `DELETE FROM "orders"`)).toBe('ok');
  });

  it('cannot connect to another service’s database', async () => {
    expect(await statementOutcome(urlAs('shop_seats', roles.shop_orders!), 'SELECT 1')).toMatch(
      /^42501 permission denied for database "shop_seats"/,
    );
    expect(await statementOutcome(urlAs('shop_orders', roles.shop_seats!), 'SELECT 1')).toMatch(
      /^42501 permission denied for database "shop_orders"/,
    );
  });

  it('is no superuser: no schema changes, no roles, no databases, no rewriting the migrations’ history', async () => {
    const url = urlAs('shop_orders', roles.shop_orders!);
    expect(await statementOutcome(url, 'CREATE TABLE "extra" ("id" INTEGER)')).toMatch(/^42501 /);
    expect(await statementOutcome(url, 'DROP TABLE "orders"')).toMatch(/^42501 must be owner/);
    expect(await statementOutcome(url, 'CREATE ROLE "intruder"')).toMatch(/^42501 /);
    expect(await statementOutcome(url, 'CREATE DATABASE "intruder"')).toMatch(/^42501 /);
    expect(await statementOutcome(url, 'DELETE FROM "_prisma_migrations"')).toMatch(/^42501 /);
    expect(await statementOutcome(url, 'SELECT count(*) FROM "_prisma_migrations"')).toBe('ok');
    expect(await statementOutcome(url, 'COPY "orders" TO PROGRAM \'true\'')).toMatch(/^42501 /);
  });

  it('is granted again, with a new password, when the admin runs it again', async () => {
    const rotated = { ...roles.shop_seats!, password: 'a-rotated-password-of-32-characters' };
    await grantServiceRole(server.url('shop_seats'), rotated);
    expect(await statementOutcome(urlAs('shop_seats', rotated), 'SELECT * FROM "seats"')).toBe(
      'ok',
    );
    expect(await statementOutcome(urlAs('shop_seats', roles.shop_seats!), 'SELECT 1')).toMatch(
      /^28P01 password authentication failed/,
    );
  });
});

describe('serviceRolesFromEnv', () => {
  it('names each role after its database, its password from <DATABASE>_DB_PASSWORD', () => {
    const password = 'a-checkout-password-of-32-characters';
    expect(serviceRolesFromEnv(['checkout'], { CHECKOUT_DB_PASSWORD: password })).toEqual({
      checkout: { role: 'checkout', password },
    });
  });

  it('refuses the public development password outside development, naming the variable and not the value', () => {
    const refuse = () => serviceRolesFromEnv(['checkout', 'payment'], { NODE_ENV: 'production' });
    expect(refuse).toThrow(/CHECKOUT_DB_PASSWORD: is the public development default/);
    expect(refuse).toThrow(/PAYMENT_DB_PASSWORD: is the public development default/);
    expect(() =>
      serviceRolesFromEnv(['checkout'], { NODE_ENV: 'production', CHECKOUT_DB_PASSWORD: 'short' }),
    ).toThrow(/CHECKOUT_DB_PASSWORD=\(secret\): must be at least 32 characters/);
    expect(serviceRolesFromEnv(['checkout'], { NODE_ENV: 'development' })).toEqual({
      checkout: { role: 'checkout', password: developmentRolePassword('checkout') },
    });
  });
});
