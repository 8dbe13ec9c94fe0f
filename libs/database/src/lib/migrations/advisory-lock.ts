import type pg from 'pg';

// The key Prisma Migrate locks (sql-schema-connector, PostgresFlavour::acquire_lock): our
// runner and `prisma migrate deploy` exclude each other, not just two copies of us.
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Thrown when another migrator held the lock for longer than we were willing to wait. */
export class MigrationLockTimeoutError extends Error {
  override readonly name = 'MigrationLockTimeoutError';
}

/** Takes the session-level advisory lock, waiting at most `timeoutMs`. */
export async function acquireMigrationLock(
  client: pg.ClientBase,
  timeoutMs: number,
): Promise<void> {
  await client.query(`SET lock_timeout = ${Math.max(1, Math.trunc(timeoutMs))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new MigrationLockTimeoutError(
        `another migration run held the lock (pg_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY})) for more than ${timeoutMs} ms`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await client.query('RESET lock_timeout');
  }
}

export async function releaseMigrationLock(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
}
