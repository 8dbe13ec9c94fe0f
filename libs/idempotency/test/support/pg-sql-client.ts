import type pg from 'pg';
import type { SqlClient } from '../../src/index.js';

/**
 * The two raw-SQL methods of a Prisma Client, on a `pg` pool or on one
 * connection inside a transaction: what a service passes, without generating
 * a Prisma Client for these tests.
 */
export function pgSqlClient(db: pg.Pool | pg.PoolClient): SqlClient {
  return {
    async $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T> {
      const result = await db.query(query, values);
      return result.rows as T;
    },
    async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
      const result = await db.query(query, values);
      return result.rowCount ?? 0;
    },
  };
}

/** Runs `work` in a transaction on its own connection, then commits or rolls back. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (tx: SqlClient) => Promise<T>,
  end: 'commit' | 'rollback' = 'commit',
): Promise<T> {
  const connection = await pool.connect();
  try {
    await connection.query('BEGIN');
    const result = await work(pgSqlClient(connection));
    await connection.query(end === 'commit' ? 'COMMIT' : 'ROLLBACK');
    return result;
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}
