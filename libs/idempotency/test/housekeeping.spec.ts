import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyKeyStore, IdempotencyModule, inbox, InboxModule } from '../src/index.js';
import { pgSqlClient } from './support/pg-sql-client.js';
import { startServiceDatabase, type ServiceDatabase } from './support/service-database.js';

const DATABASE = Symbol('DATABASE');
// The purge runs every 20 ms; a loaded machine may still take a while to get to it.
const PURGED = { timeout: 20_000 } as const;

describe('housekeeping: IdempotencyModule and InboxModule', () => {
  let database: ServiceDatabase;

  beforeAll(async () => {
    database = await startServiceDatabase('checkout');
  });
  afterAll(() => database.stop());

  it('deletes expired keys periodically while the application runs, and live ones never', async () => {
    // As in a service: a global module provides the database client.
    @Global()
    @Module({
      providers: [{ provide: DATABASE, useValue: pgSqlClient(database.pool) }],
      exports: [DATABASE],
    })
    class DatabaseModule {}
    @Module({
      imports: [
        DatabaseModule,
        IdempotencyModule.forRoot({ database: DATABASE, purgeIntervalMs: 20 }),
      ],
    })
    class ServiceModule {}
    const app = await NestFactory.createApplicationContext(ServiceModule, { logger: false });

    const store = app.get(IdempotencyKeyStore);
    const [expired, live] = [randomUUID(), randomUUID()];
    await store.claim('orders.create', expired, 'fp');
    await store.claim('orders.create', live, 'fp');
    await database.pool.query(
      "UPDATE idempotency_keys SET expires_at = now() - interval '1 hour' WHERE key = $1",
      [expired],
    );

    await app.init(); // bootstrap hooks: the purge starts
    try {
      await expect
        .poll(async () => {
          const { rows } = await database.pool.query<{ key: string }>(
            'SELECT key FROM idempotency_keys WHERE key = ANY($1)',
            [[expired, live]],
          );
          return rows.map((r) => r.key);
        }, PURGED)
        .toEqual([live]);
    } finally {
      await app.close();
    }
  });

  it('forgets inbox ids older than keepMs periodically, and recent ones never', async () => {
    const client = pgSqlClient(database.pool);
    @Global()
    @Module({ providers: [{ provide: DATABASE, useValue: client }], exports: [DATABASE] })
    class DatabaseModule {}
    @Module({
      imports: [
        DatabaseModule,
        InboxModule.forRoot({ database: DATABASE, keepMs: 60 * 60 * 1000, purgeIntervalMs: 20 }),
      ],
    })
    class ConsumerModule {}
    const [old, recent] = [randomUUID(), randomUUID()];
    await inbox.claim(client, old);
    await inbox.claim(client, recent);
    await database.pool.query(
      "UPDATE inbox_messages SET received_at = now() - interval '2 hours' WHERE message_id = $1",
      [old],
    );

    const app = await NestFactory.createApplicationContext(ConsumerModule, { logger: false });
    try {
      await expect
        .poll(async () => {
          const { rows } = await database.pool.query<{ message_id: string }>(
            'SELECT message_id FROM inbox_messages WHERE message_id = ANY($1)',
            [[old, recent]],
          );
          return rows.map((r) => r.message_id);
        }, PURGED)
        .toEqual([recent]);
    } finally {
      await app.close();
    }
  });
});
