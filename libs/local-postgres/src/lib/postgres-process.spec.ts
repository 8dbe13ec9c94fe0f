import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalPostgresError } from './local-postgres.error.js';
import { reachableBinaries } from './postgres-binaries.js';
import { LogTail } from './log-tail.js';
import { initdb, startPostmaster } from './postgres-process.js';
import { resolveRunAs } from './run-as.js';

describe('spawn failures', () => {
  it('rejects with the reason when initdb cannot be run at all', async () => {
    const runAs = resolveRunAs(true);
    const missing = { nativeDir: join(tmpdir(), 'no-such-postgres'), release: 'none@0' };
    const context = { binaries: missing, runAs, log: new LogTail() };

    await expect(
      initdb(context, join(tmpdir(), 'never-created'), 'postgres', 'pw'),
    ).rejects.toThrow(
      new LocalPostgresError(
        `cannot run ${join(missing.nativeDir, 'bin', 'initdb')}: spawn ${join(missing.nativeDir, 'bin', 'initdb')} ENOENT`,
      ),
    );
  });

  it('rejects with the last log lines when postgres exits before it is ready', async () => {
    const runAs = resolveRunAs(true);
    const context = { binaries: await reachableBinaries(runAs), runAs, log: new LogTail() };
    const notACluster = await mkdtemp(join(tmpdir(), 'local-pg-empty-'));
    await chmod(notACluster, 0o755);
    try {
      await expect(startPostmaster(context, notACluster, [])).rejects.toThrow(
        /postgres exited during start-up with code \d+; last log lines:\n.*postgresql\.conf/,
      );
    } finally {
      await rm(notACluster, { recursive: true, force: true });
    }
  });
});
