import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrationChecksum } from './checksum.js';
import { MigrationsDirectoryError } from './migration.errors.js';

/** One `<timestamp>_<name>/migration.sql` folder, as Prisma Migrate lays it out. */
export interface MigrationFile {
  readonly name: string;
  readonly script: string;
  readonly checksum: string;
}

const LOCK_FILE = 'migration_lock.toml';

/** Reads every migration folder, sorted by name as Prisma sorts them. */
export async function readMigrationsDirectory(dir: string): Promise<MigrationFile[]> {
  await assertPostgresLockFile(dir);
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => {
      const bytes = await readFile(join(dir, name, 'migration.sql')).catch((error: unknown) => {
        throw new MigrationsDirectoryError(`${name} has no readable migration.sql`, {
          cause: error,
        });
      });
      return { name, script: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    }),
  );
}

// Prisma refuses to apply a history written for another provider; so do we.
async function assertPostgresLockFile(dir: string): Promise<void> {
  const lock = await readFile(join(dir, LOCK_FILE), 'utf8').catch((error: unknown) => {
    throw new MigrationsDirectoryError(`${dir} has no ${LOCK_FILE}`, { cause: error });
  });
  const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(lock)?.[1];
  if (provider !== 'postgresql') {
    throw new MigrationsDirectoryError(
      `${join(dir, LOCK_FILE)} names provider ${provider ?? '(none)'}, expected postgresql`,
    );
  }
}
