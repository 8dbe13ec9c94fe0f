import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPostgres, type LocalPostgres } from '../lib/local-postgres.js';
import { findFreePort } from '../lib/port.js';

/** A throw-away cluster: `stop()` also deletes its data. */
export type TestPostgres = LocalPostgres;

// Durability is pointless for a cluster deleted after the test file; these make initdb'd clusters start and write faster.
export const THROW_AWAY_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

/**
 * Starts PostgreSQL in a fresh temporary directory on a free port, for one
 * test file (call it in `beforeAll`, `stop()` in `afterAll`).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'shop-pg-'));
  // mkdtemp makes the folder 0700; the postgres user must be able to enter it when we run as root.
  await chmod(root, 0o755);
  const server = await startWithRetry(join(root, 'data'));
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

// Another process may grab the free port between probing and binding it; try a few ports.
async function startWithRetry(dataDir: string, attempts = 3): Promise<LocalPostgres> {
  try {
    return await startLocalPostgres({
      dataDir,
      port: await findFreePort(),
      settings: THROW_AWAY_SETTINGS,
    });
  } catch (error) {
    if (attempts <= 1 || !String(error).includes('already in use')) throw error;
    return startWithRetry(dataDir, attempts - 1);
  }
}
