import pg from 'pg';

/** The SQL statements sent to one database while recording, in order. */
export interface SqlStatementRecorder {
  readonly statements: readonly string[];
  /** Stops recording (restores `pg`); the statements stay readable. */
  stop(): void;
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * Records every statement any `pg` client in this process sends to
 * `database`, including those of a service's Prisma Client (the `pg` driver
 * adapter queries through `pg.Client`). For tests that count round trips,
 * e.g. "a list of N orders costs the same number of queries as one".
 * One recorder at a time per process.
 */
export function recordSqlStatements(database: string): SqlStatementRecorder {
  const statements: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function recordingQuery(this: pg.Client, ...args: unknown[]) {
    if (this.database === database) statements.push(statementText(args[0]));
    return original.apply(this, args);
  };
  return {
    statements,
    stop: () => {
      prototype.query = original;
    },
  };
}

function statementText(config: unknown): string {
  if (typeof config === 'string') return config;
  if (typeof config === 'object' && config !== null && 'text' in config) return String(config.text);
  return String(config);
}
