/** The migrations folder is not something Prisma would accept. */
export class MigrationsDirectoryError extends Error {
  override readonly name = 'MigrationsDirectoryError';
}

/** An applied migration's `migration.sql` was edited after it ran. */
export class MigrationChecksumMismatchError extends Error {
  override readonly name = 'MigrationChecksumMismatchError';
  constructor(readonly migrationName: string) {
    super(
      `migration ${migrationName} was modified after it was applied (its checksum no longer matches ` +
        `_prisma_migrations); restore the committed file and add a new migration for the change`,
    );
  }
}

/** `_prisma_migrations` records a migration that started and never finished (Prisma's P3009). */
export class FailedMigrationFoundError extends Error {
  override readonly name = 'FailedMigrationFoundError';
  constructor(readonly migrationName: string) {
    super(
      `migration ${migrationName} failed earlier and was never resolved; fix the database, then run ` +
        `prisma migrate resolve --rolled-back ${migrationName} (or --applied)`,
    );
  }
}

/** Applying a migration failed; its transaction was rolled back. */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
  constructor(
    readonly migrationName: string,
    cause: unknown,
  ) {
    super(`migration ${migrationName} failed and was rolled back: ${String(cause)}`, { cause });
  }
}
