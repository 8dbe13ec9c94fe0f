import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { start as startAmqpBroker } from '@shop/amqp-broker';
import { loadConfig } from '@shop/config';
import { cloudEventContentType, createEvent, messageKinds, type DataOf } from '@shop/contracts';
import { createMigratedDatabase } from '@shop/database/testing';
import { start as startKafkaBroker } from '@shop/kafka-broker';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { startServiceApp } from '@shop/platform';
import { connect, type ChannelModel, type GetMessage } from 'amqplib';
import pg from 'pg';
import { AppModule } from '../../src/app.module.js';
import { enrollmentConfigSchema, type EnrollmentConfig } from '../../src/config.js';

const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const seedFile = fileURLToPath(new URL('../../prisma/seed.sql', import.meta.url));

/** PostgreSQL (migrated and seeded), the embedded AMQP and Kafka brokers, for one test file. */
export interface Infrastructure {
  readonly databaseUrl: string;
  readonly amqpUrl: string;
  readonly kafkaBrokers: string;
  /** A pool on enrollment's database, for arranging and asserting. */
  readonly db: pg.Pool;
  /** A pool on the server's `postgres` database, for taking enrollment's away. */
  readonly admin: pg.Pool;
  readonly amqp: ChannelModel;
  stop(): Promise<void>;
}

export async function startInfrastructure(): Promise<Infrastructure> {
  const postgres: TestPostgres = await startTestPostgres();
  const { url } = await createMigratedDatabase(postgres, 'enrollment', migrationsDir);
  const db = reopenPool(url);
  await db.query(await readFile(seedFile, 'utf8'));
  const admin = new pg.Pool({ connectionString: postgres.url('postgres'), max: 1 });
  // PostgreSQL stops at the end of the file; an idle client's "terminating
  // connection" must not fail the run.
  admin.on('error', () => undefined);
  const amqpBroker = await startAmqpBroker({ port: 0 });
  const kafkaBroker = await startKafkaBroker({
    port: 0,
    initialRebalanceDelayMs: 0,
    logLevel: 'silent',
  });
  const amqp = await connect(amqpBroker.url);
  return {
    databaseUrl: url,
    amqpUrl: amqpBroker.url,
    kafkaBrokers: kafkaBroker.address,
    db,
    admin,
    amqp,
    stop: async function (this: Infrastructure) {
      await amqp.close().catch(() => undefined);
      await Promise.all([this.db.end(), admin.end()]);
      await Promise.all([amqpBroker.stop(), kafkaBroker.stop(), postgres.stop()]);
    },
  };
}

/** Starts one enrollment instance on the infrastructure; quick retries unless overridden. */
export async function startEnrollment(
  infra: Infrastructure,
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const config: EnrollmentConfig = loadConfig('enrollment', enrollmentConfigSchema, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: infra.databaseUrl,
    DATABASE_POOL_SIZE: '4',
    AMQP_URL: infra.amqpUrl,
    KAFKA_BROKERS: infra.kafkaBrokers,
    GRANT_SEAT_PREFETCH: '4',
    GRANT_SEAT_MAX_ATTEMPTS: '4',
    GRANT_SEAT_RETRY_DELAYS_MS: '300,600,900',
    ...env,
  });
  const app = await startServiceApp(AppModule.forRoot(config));
  return app;
}

/** Courses with these capacities, on fresh ids. */
export async function createCourses(db: pg.Pool, ...capacities: number[]): Promise<string[]> {
  const ids = capacities.map(() => randomUUID());
  for (const [i, id] of ids.entries()) {
    await db.query(
      'INSERT INTO course_seats (course_id, capacity, updated_at) VALUES ($1, $2, now())',
      [id, capacities[i]],
    );
  }
  return ids;
}

export type GrantSeat = DataOf<'enrollment.grant-seat.v1'>;

/** A grant-seat command for a new order of a new learner. */
export function grantSeat(courseIds: string[]): GrantSeat {
  return {
    commandId: `order-${randomUUID()}`,
    orderId: randomUUID(),
    learnerId: randomUUID(),
    courseIds,
    requestedAt: new Date().toISOString(),
  };
}

const route = messageKinds['enrollment.grant-seat.v1'].route;

/** Publishes commands as checkout's outbox does: structured CloudEvent, persistent, confirmed. */
export async function sendCommands(
  amqp: ChannelModel,
  commands: GrantSeat[],
  correlationId = 'corr-test',
): Promise<void> {
  const bodies = commands.map((data) =>
    JSON.stringify(
      createEvent('enrollment.grant-seat.v1', data, { subject: data.orderId, correlationId }),
    ),
  );
  await sendRaw(amqp, bodies);
}

export type CancelGrant = DataOf<'enrollment.cancel-grant.v1'>;

/** The cancel-grant command checkout sends for the order of `grant`. */
export function cancelGrantOf(grant: GrantSeat): CancelGrant {
  const { orderId, learnerId, courseIds } = grant;
  return {
    commandId: `cancel-grant-${orderId}`,
    orderId,
    learnerId,
    courseIds,
    requestedAt: new Date().toISOString(),
  };
}

/** Publishes cancel-grant commands under their own routing key, as checkout's outbox does. */
export async function sendCancels(
  amqp: ChannelModel,
  commands: CancelGrant[],
  correlationId = 'corr-test',
): Promise<void> {
  const bodies = commands.map((data) =>
    JSON.stringify(
      createEvent('enrollment.cancel-grant.v1', data, { subject: data.orderId, correlationId }),
    ),
  );
  await sendRaw(amqp, bodies, messageKinds['enrollment.cancel-grant.v1'].route.routingKey);
}

export async function sendRaw(
  amqp: ChannelModel,
  bodies: string[],
  routingKey: string = route.routingKey,
): Promise<void> {
  const channel = await amqp.createConfirmChannel();
  for (const body of bodies) {
    channel.publish(route.exchange, routingKey, Buffer.from(body), {
      persistent: true,
      contentType: cloudEventContentType,
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
  }
  await channel.waitForConfirms();
  await channel.close();
}

/** Takes every message now waiting in `queue` off it. */
export async function drainQueue(amqp: ChannelModel, queue: string): Promise<GetMessage[]> {
  const channel = await amqp.createChannel();
  const taken: GetMessage[] = [];
  for (
    let m = await channel.get(queue, { noAck: true });
    m !== false;
    m = await channel.get(queue, { noAck: true })
  ) {
    taken.push(m);
  }
  await channel.close();
  return taken;
}

/** The messages waiting in `queue`, put back where they were. */
export async function peekQueue(amqp: ChannelModel, queue: string): Promise<GetMessage[]> {
  const channel = await amqp.createChannel();
  const seen: GetMessage[] = [];
  for (let m = await channel.get(queue); m !== false; m = await channel.get(queue)) seen.push(m);
  await channel.close(); // unacked: back into the queue
  return seen;
}

/** A fresh pool, after the test ended the old one (e.g. to take the database away). */
export function reopenPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  return pool;
}

export async function queueDepth(amqp: ChannelModel, queue: string): Promise<number> {
  const channel = await amqp.createChannel();
  const { messageCount } = await channel.checkQueue(queue);
  await channel.close();
  return messageCount;
}
