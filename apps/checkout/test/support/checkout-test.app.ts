import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { createMigratedDatabase } from '@shop/database/testing';
import { LearnerTokens } from '@shop/identity';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { startServiceApp } from '@shop/platform';
import pg from 'pg';
import { AppModule } from '../../src/app.module.js';
import { checkoutConfigSchema } from '../../src/config.js';
import { FakePayments, fakePaymentsModule } from './fake-payments.js';

const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const seedFile = fileURLToPath(new URL('../../prisma/seed.sql', import.meta.url));

/** The demo catalog's courses (prisma/seed.sql), all in EUR. */
export const COURSES = {
  messaging: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01', // 4900
  grpc: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f02', // 5900
} as const;

export interface CheckoutTestApp {
  readonly app: NestFastifyApplication;
  readonly postgres: TestPostgres;
  readonly payments: FakePayments;
  /** A direct connection, for asserting on rows. */
  readonly db: pg.Pool;
  readonly databaseUrl: string;
  /** Every route Fastify registered, as `GET /v1/orders/:id`. */
  readonly routes: readonly string[];
  /** `Bearer <token>` for the learner, signed as the bff signs them. */
  authorization(learnerId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * checkout in-process over a fresh, migrated and seeded PostgreSQL, with a
 * fake payment. The outbox relay is off unless `env` turns it on; the Kafka
 * consumer runs when `consumeFrom` names the brokers.
 */
export async function startCheckoutTestApp(
  env: Record<string, string> = {},
  { consumeFrom }: { consumeFrom?: string } = {},
): Promise<CheckoutTestApp> {
  const postgres = await startTestPostgres();
  const { url } = await createMigratedDatabase(postgres, 'checkout', migrationsDir);
  const db = new pg.Pool({ connectionString: url, max: 4 });
  // The server stops at the end; an idle client's "terminating connection" must not fail the run.
  db.on('error', () => undefined);
  await db.query(await readFile(seedFile, 'utf8'));
  const config = loadConfig('checkout', checkoutConfigSchema, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    OUTBOX_RELAY_ENABLED: 'false',
    ...(consumeFrom === undefined ? {} : { KAFKA_BROKERS: consumeFrom }),
    ...env,
  });
  const payments = new FakePayments();
  const routes: string[] = [];
  const app = await startServiceApp(
    AppModule.forRoot(config, { payments: fakePaymentsModule(payments) }),
    {
      transports: consumeFrom !== undefined,
      // Every route Fastify registers, for the OpenAPI check.
      beforeInit: (created) => {
        created
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', ({ method, url }) => {
            for (const verb of [method].flat()) routes.push(`${verb} ${url}`);
          });
      },
    },
  );
  await app.getHttpAdapter().getInstance().ready();
  const tokens = new LearnerTokens({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: 900,
  });
  return {
    app,
    postgres,
    payments,
    db,
    databaseUrl: url,
    routes,
    authorization: async (learnerId) => `Bearer ${(await tokens.issue(learnerId)).token}`,
    stop: async () => {
      await app.close();
      await db.end();
      await postgres.stop();
    },
  };
}

/** The order's status as stored (`missing` when there is no such order). */
export async function orderStatusOf(db: pg.Pool, orderId: string): Promise<string> {
  const { rows } = await db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [
    orderId,
  ]);
  return rows[0]?.status ?? 'missing';
}

/** The outbox rows of one order, oldest first. */
export async function outboxRowsOf(db: pg.Pool, orderId: string) {
  const { rows } = await db.query<{
    destination: string;
    topic: string | null;
    exchange: string | null;
    routing_key: string | null;
    message_key: string | null;
    headers: Record<string, string>;
    payload: {
      id: string;
      type: string;
      subject: string;
      correlationid: string;
      data: Record<string, unknown>;
    };
  }>(
    'SELECT destination, topic, exchange, routing_key, message_key, headers, payload FROM outbox_messages WHERE aggregate_id = $1 ORDER BY created_at',
    [orderId],
  );
  return rows;
}
