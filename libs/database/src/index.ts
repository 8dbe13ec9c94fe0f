export {
  createPrismaClient,
  type PrismaClientClass,
  type PrismaClientSettings,
} from './lib/client/create-prisma-client.js';
export {
  pingDatabase,
  type DatabaseReadiness,
  type RawQueryable,
} from './lib/client/ping-database.js';
export {
  MigrationLockTimeoutError,
  PRISMA_MIGRATE_LOCK_KEY,
} from './lib/migrations/advisory-lock.js';
export { checksumMatches, migrationChecksum } from './lib/migrations/checksum.js';
export { createDatabaseIfMissing } from './lib/migrations/create-database.js';
export { migrate, type MigrateOptions, type MigrateResult } from './lib/migrations/migrate.js';
export {
  databasesIn,
  migrateAll,
  type DatabaseMigrated,
  type MigrateAllOptions,
} from './lib/migrations/migrate-all.js';
export {
  FailedMigrationFoundError,
  MigrationChecksumMismatchError,
  MigrationFailedError,
  MigrationsDirectoryError,
} from './lib/migrations/migration.errors.js';
export {
  readMigrationsDirectory,
  type MigrationFile,
} from './lib/migrations/migrations-directory.js';
export { listAppliedMigrations, type AppliedMigration } from './lib/migrations/migrations-table.js';
export {
  developmentRolePassword,
  grantServiceRole,
  rolePasswordVariable,
  serviceRolesFromEnv,
  serviceRoleUrl,
  type ServiceRole,
} from './lib/roles/service-role.js';
