/** Thrown when a local PostgreSQL cannot start; the message says what to change. */
export class LocalPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalPostgresError';
  }
}

/** Running as root, the `postgres` account cannot enter the data directory (a parent is closed to it). */
export class DataDirUnreachableError extends LocalPostgresError {
  readonly code = 'DATA_DIR_UNREACHABLE';
  constructor(
    readonly dataDir: string,
    readonly user: string,
  ) {
    super(
      `the '${user}' user cannot reach ${dataDir}: a parent directory is closed to it ` +
        `(e.g. mode 700 and owned by root); choose a data directory outside it`,
    );
    this.name = 'DataDirUnreachableError';
  }
}
