import type { ClientBase } from 'pg';
import type { RawSqlExecutor } from './outbox.js';

/** Lets `Outbox.enqueue` write through a plain `pg` client inside its transaction. */
export function pgExecutor(client: ClientBase): RawSqlExecutor {
  return {
    $executeRawUnsafe: async (query, ...values) =>
      (await client.query(query, values)).rowCount ?? 0,
  };
}
