import { PrismaPg } from '@prisma/adapter-pg';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseIfMissing } from '../lib/migrations/create-database.js';
import { recordSqlStatements } from './sql-statements.recorder.js';

describe('recordSqlStatements', () => {
  let server: TestPostgres;
  let watched: pg.Pool;
  let other: pg.Pool;

  beforeAll(async () => {
    server = await startTestPostgres();
    await createDatabaseIfMissing(server.url('watched'));
    await createDatabaseIfMissing(server.url('other'));
    watched = new pg.Pool({ connectionString: server.url('watched') });
    other = new pg.Pool({ connectionString: server.url('other') });
    // pool.end() may resolve before every socket has closed: the server's goodbye (57P01) is no failure.
    for (const pool of [watched, other]) pool.on('error', () => undefined);
  }, 60_000);
  afterAll(async () => {
    await watched.end();
    await other.end();
    await server.stop();
  });

  it('records what pg pools and the Prisma pg adapter send to one database, and nothing else', async () => {
    const adapter = await new PrismaPg({ connectionString: server.url('watched') }).connect();
    const recorder = recordSqlStatements('watched');
    try {
      await watched.query('SELECT 1');
      await other.query('SELECT 2');
      await adapter.queryRaw({ sql: 'SELECT $1::int', args: [3], argTypes: [] });
    } finally {
      recorder.stop();
    }
    await watched.query('SELECT 4');
    await adapter.dispose();

    expect(recorder.statements).toEqual(['SELECT 1', 'SELECT $1::int']);
  });
});
