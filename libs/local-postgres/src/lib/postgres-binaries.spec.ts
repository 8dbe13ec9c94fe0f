import { chmod, chown, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canExecute,
  packagedBinaries,
  reachableBinaries,
  type PostgresBinaries,
} from './postgres-binaries.js';
import { LogTail } from './log-tail.js';
import { initdb, startPostmaster, stopPostmaster } from './postgres-process.js';
import { findFreePort } from './port.js';
import { resolveRunAs } from './run-as.js';

const asRoot = process.getuid?.() === 0;
if (!asRoot) {
  console.warn(
    'skipping the closed-parent tests: they need root, which hands PostgreSQL over to the postgres user',
  );
}

describe.skipIf(!asRoot)(
  'binaries hidden from the postgres user by a closed parent folder (as root)',
  () => {
    let root: string;
    let hidden: PostgresBinaries;
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'local-pg-bin-'));
      // Like a repository cloned under /root: a root-owned 0700 folder holding node_modules.
      const closed = join(root, 'closed');
      await mkdir(closed, { mode: 0o700 });
      await chmod(root, 0o755);
      const installed = packagedBinaries();
      hidden = { ...installed, nativeDir: join(closed, 'native') };
      await cp(installed.nativeDir, hidden.nativeDir, { recursive: true, verbatimSymlinks: true });
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('runs a copy in the cache, made once even when two starts race for it', async () => {
      const postgresUser = resolveRunAs(true);
      const cache = join(root, 'cache', 'embedded-postgres');

      const [first, second] = await Promise.all([
        reachableBinaries(postgresUser, hidden, cache),
        reachableBinaries(postgresUser, hidden, cache),
      ]);

      expect(canExecute(hidden, postgresUser)).toBe(false);
      expect(first.nativeDir).toBe(join(cache, hidden.release.replace('/', '+')));
      expect(second.nativeDir).toBe(first.nativeDir);
      expect(canExecute(first, postgresUser)).toBe(true);
      expect(await readdir(cache)).toEqual([basename(first.nativeDir)]); // no staging folder left
    });

    it('starts a real cluster from the cached copy', async () => {
      const postgresUser = resolveRunAs(true);
      const binaries = await reachableBinaries(
        postgresUser,
        hidden,
        join(root, 'cache', 'embedded-postgres'),
      );
      const dataDir = join(root, 'data');
      await mkdir(dataDir, { mode: 0o700 });
      await chown(dataDir, postgresUser.uid, postgresUser.gid);
      const context = { binaries, runAs: postgresUser, log: new LogTail() };
      const port = await findFreePort();

      await initdb(context, dataDir, 'postgres', 'secret');
      const postmaster = await startPostmaster(context, dataDir, [
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
      ]);
      try {
        const client = new pg.Client({
          connectionString: `postgres://postgres:secret@127.0.0.1:${port}/postgres`,
        });
        await client.connect();
        const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
        await client.end();
        expect(rows).toEqual([{ one: 1 }]);
      } finally {
        await stopPostmaster(postmaster, 10_000);
      }
    });
  },
);
