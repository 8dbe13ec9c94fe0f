import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPostgres, type LocalPostgres } from '../lib/local-postgres.js';
import { findFreePort } from '../lib/port.js';
import { THROW_AWAY_SETTINGS } from './test-postgres.js';

/** A throw-away PostgreSQL that a test can stop and start again on the same port and data. */
export interface RestartablePostgres {
  readonly server: LocalPostgres;
  /** Stops the server: clients get connection errors, as in an outage. */
  down(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  up(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const root = await mkdtemp(join(tmpdir(), 'shop-pg-'));
  // The postgres user must be able to enter the folder when we run as root.
  await chmod(root, 0o755);
  const dataDir = join(root, 'data');
  const port = await findFreePort();
  let server = await startLocalPostgres({ dataDir, port, settings: THROW_AWAY_SETTINGS });
  return {
    get server() {
      return server;
    },
    down: () => server.stop(),
    up: async () => {
      server = await startLocalPostgres({ dataDir, port, settings: THROW_AWAY_SETTINGS });
    },
    remove: async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
