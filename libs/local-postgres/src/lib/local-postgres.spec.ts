import { createServer, type Server } from 'node:net';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../testing/index.js';
import { startLocalPostgres } from './local-postgres.js';
import { isProcessAlive } from './postmaster-pid.js';
import { findFreePort } from './port.js';

const fast = { fsync: 'off', synchronous_commit: 'off' };

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startLocalPostgres', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'local-pg-spec-'));
    await chmod(root, 0o755);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('initialises a cluster once and reuses its data on the next start', async () => {
    const dataDir = join(root, 'reuse');
    const port = await findFreePort();
    const first = await startLocalPostgres({ dataDir, port, settings: fast });
    await first.ensureDatabase('shop');
    await query(first.url('shop'), 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');
    await first.stop();

    const second = await startLocalPostgres({ dataDir, port, settings: fast });
    try {
      expect([first.initialised, second.initialised]).toEqual([true, false]);
      expect(await query(second.url('shop'), 'SELECT id FROM kept')).toEqual([{ id: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('stops the postmaster process itself, leaving no orphan', async () => {
    const server = await startLocalPostgres({
      dataDir: join(root, 'stop'),
      port: await findFreePort(),
      settings: fast,
    });
    expect(isProcessAlive(server.pid)).toBe(true);
    await server.stop();
    expect(isProcessAlive(server.pid)).toBe(false);
    await server.stop(); // a second stop is harmless
  });

  it('names the port when it is already in use', async () => {
    const port = await findFreePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startLocalPostgres({ dataDir: join(root, 'busy'), port })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already in use`,
      );
    } finally {
      squatter.close();
    }
  });

  it('refuses a data directory that a running cluster already owns', async () => {
    const dataDir = join(root, 'owned');
    const running = await startLocalPostgres({
      dataDir,
      port: await findFreePort(),
      settings: fast,
    });
    try {
      await expect(startLocalPostgres({ dataDir, port: await findFreePort() })).rejects.toThrow(
        `a PostgreSQL (pid ${running.pid}) already runs on ${dataDir}`,
      );
    } finally {
      await running.stop();
    }
  });
});

describe('startTestPostgres', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('creates a database once even when asked concurrently', async () => {
    await Promise.all([server.ensureDatabase('twice'), server.ensureDatabase('twice')]);
    expect(await query(server.url('twice'), 'SELECT current_database() AS db')).toEqual([
      { db: 'twice' },
    ]);
  });
});
