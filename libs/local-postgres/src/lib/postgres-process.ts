import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { LocalPostgresError } from './local-postgres.error.js';
import type { LogTail } from './log-tail.js';
import { binaryPath, type PostgresBinaries } from './postgres-binaries.js';
import type { RunAs } from './run-as.js';

/** Who runs the process and where its output lines go. */
export interface ProcessContext {
  readonly binaries: PostgresBinaries;
  readonly runAs: RunAs;
  readonly log: LogTail;
}

const READY = 'database system is ready to accept connections';
// 30 s was not enough beside other suites on a loaded 2-core machine.
const START_TIMEOUT_MS = Number(process.env.LOCAL_POSTGRES_START_TIMEOUT_MS ?? 180_000);
// English messages, so READY can be recognised whatever the machine's language.
const ENV = { ...process.env, LC_MESSAGES: 'C' };

/** Runs initdb on an empty `dataDir`: scram-sha-256 auth for `user` with `password`, UTF8. */
export async function initdb(
  context: ProcessContext,
  dataDir: string,
  user: string,
  password: string,
): Promise<void> {
  // The password file sits beside the data directory, which the run-as user is known to reach.
  const pwfile = join(
    dirname(dataDir),
    `.${basename(dataDir)}.pwfile-${randomBytes(6).toString('hex')}`,
  );
  await writeFile(pwfile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (context.runAs.isRootHandOver) await chown(pwfile, context.runAs.uid, context.runAs.gid);
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      `--username=${user}`,
      `--pwfile=${pwfile}`,
    ];
    const child = spawnAs(context, 'initdb', [...args, '--encoding=UTF8', '--lc-messages=C']);
    const [code, signal] = await exited(child, context);
    if (code !== 0)
      throw failure(context, `initdb exited with ${signal ?? `code ${String(code)}`}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

/** Starts the postmaster and resolves once it accepts connections; rejects when it dies first. */
export async function startPostmaster(
  context: ProcessContext,
  dataDir: string,
  flags: string[],
): Promise<ChildProcess> {
  const ready = Promise.withResolvers<undefined>();
  const child = spawnAs(context, 'postgres', ['-D', dataDir, ...flags], (line) => {
    if (line.includes(READY)) ready.resolve(undefined);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(failure(context, `postgres was not ready after ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
  });
  const died = exited(child, context).then(([code, signal]) => {
    throw failure(
      context,
      `postgres exited during start-up with ${signal ?? `code ${String(code)}`}`,
    );
  });
  try {
    await Promise.race([ready.promise, died, timeout]);
  } catch (error) {
    await stopPostmaster(child, 5_000);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  died.catch(() => undefined); // a later exit is stop()'s business
  return child;
}

/** Fast shutdown (SIGINT); SIGKILL when it outlives `graceMs`. Resolves once the process is gone. */
export async function stopPostmaster(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

function spawnAs(
  context: ProcessContext,
  name: 'initdb' | 'postgres',
  args: string[],
  onLine: (line: string) => void = () => undefined,
): ChildProcess {
  const { runAs, log } = context;
  const ids = runAs.isRootHandOver ? { uid: runAs.uid, gid: runAs.gid } : {};
  const child = spawn(binaryPath(context.binaries, name), args, {
    ...ids,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read both streams for the process's whole life: a full pipe would block PostgreSQL.
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      log.push(line);
      onLine(line);
    });
  }
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

/** Resolves with the exit code and signal; a spawn error (EACCES, ENOENT) becomes a LocalPostgresError. */
function exited(
  child: ChildProcess,
  context: ProcessContext,
): Promise<[number | null, NodeJS.Signals | null]> {
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      liveChildren.delete(child);
      reject(failure(context, `cannot run ${child.spawnfile}: ${error.message}`, error));
    });
    child.once('close', (code, signal) => {
      resolve([code, signal]);
    });
  });
}

function failure(context: ProcessContext, what: string, cause?: unknown): LocalPostgresError {
  const log = context.log.text();
  return new LocalPostgresError(log ? `${what}; last log lines:\n${log}` : what, { cause });
}

// Ask every postmaster still running to shut down when this Node process exits, so none is orphaned.
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGINT');
});
