import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createMigratedDatabase } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import pg from 'pg';
import {
  Outbox,
  pgExecutor,
  type NewOutboxMessage,
  type OutboxDestination,
} from '../../src/index.js';

// Checkout's committed migrations: the outbox table exactly as a service has it.
const CHECKOUT_MIGRATIONS = fileURLToPath(
  new URL('../../../../apps/checkout/prisma/migrations', import.meta.url),
);

export interface OutboxDatabase {
  readonly pool: pg.Pool;
  readonly url: string;
  stop(): Promise<void>;
}

/** A fresh PostgreSQL with checkout's schema, and a pool on it. */
export async function startOutboxDatabase(): Promise<OutboxDatabase> {
  const server: TestPostgres = await startTestPostgres();
  const { url } = await createMigratedDatabase(server, 'checkout', CHECKOUT_MIGRATIONS);
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // Tests terminate backends on purpose; an idle client's error must not crash the run.
  pool.on('error', () => undefined);
  return {
    pool,
    url,
    stop: async () => {
      await pool.end();
      await server.stop();
    },
  };
}

const outbox = new Outbox();

/** Runs `work` in one transaction that commits, or rolls back when `rollback` is set. */
export async function inTransaction(
  pool: pg.Pool,
  work: (tx: ReturnType<typeof pgExecutor>) => Promise<void>,
  { rollback = false } = {},
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(pgExecutor(client));
    await client.query(rollback ? 'ROLLBACK' : 'COMMIT');
  } finally {
    client.release();
  }
}

/** Enqueues in its own committed transaction; returns the row id. */
export async function enqueueCommitted(pool: pg.Pool, message: NewOutboxMessage): Promise<string> {
  let id = '';
  await inTransaction(pool, async (tx) => {
    id = await outbox.enqueue(tx, message);
  });
  return id;
}

export { outbox };

/** A CloudEvent-carrying message for `key`; `seq` ends up in the event's data. */
export function orderEvent(
  key: string,
  seq: number,
  destination: OutboxDestination = { transport: 'KAFKA', topic: 'order.completed.v1' },
): NewOutboxMessage {
  const name = destination.transport === 'KAFKA' ? destination.topic : destination.routingKey;
  return {
    aggregateType: 'order',
    aggregateId: key,
    destination,
    messageKey: key,
    headers: { 'x-test-seq': String(seq) },
    payload: {
      specversion: '1.0',
      id: randomUUID(),
      source: '/shop/checkout',
      type: `com.shop.${name}`,
      subject: key,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { orderId: key, seq },
    },
  };
}

export interface OutboxRowState {
  id: string;
  sent_at: Date | null;
  attempts: number;
  next_attempt_at: Date;
  created_at: Date;
}

export async function rowStates(pool: pg.Pool): Promise<OutboxRowState[]> {
  const { rows } = await pool.query<OutboxRowState>(
    'SELECT id, sent_at, attempts, next_attempt_at, created_at FROM outbox_messages ORDER BY created_at, id',
  );
  return rows;
}
