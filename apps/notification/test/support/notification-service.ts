import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { createPrismaClient } from '@shop/database';
import { createMigratedDatabase } from '@shop/database/testing';
import { start, type RunningBroker } from '@shop/kafka-broker';
import { LogLines } from '@shop/messaging/testing';
import { startServiceApp } from '@shop/platform';
import { AppModule } from '../../src/app.module.js';
import { notificationConfigSchema } from '../../src/config.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { startRestartablePostgres, type RestartablePostgres } from '@shop/local-postgres/testing';

const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** notification as it runs: its own migrated database, a Kafka broker, the app consuming. */
export interface NotificationService {
  readonly app: NestFastifyApplication;
  readonly broker: RunningBroker;
  readonly postgres: RestartablePostgres;
  /** The app's log lines (also on stdout when TEST_LOG_LEVEL is set), to wait on markers. */
  readonly logs: LogLines;
  /** A client of notification's database, for the test's own reads. */
  readonly db: PrismaClient;
  stop(): Promise<void>;
}

export async function startNotificationService(): Promise<NotificationService> {
  const postgres = await startRestartablePostgres();
  const { url } = await createMigratedDatabase(postgres.server, 'notification', migrationsDir);
  const broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'warn' });
  const config = loadConfig('notification', notificationConfigSchema, {
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    DATABASE_URL: url,
    KAFKA_BROKERS: broker.address,
  });
  const logs = new LogLines(process.env.TEST_LOG_LEVEL !== undefined);
  const app = await startServiceApp(AppModule.forRoot(config, { logDestination: logs.stream }));
  const db = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
  return {
    app,
    broker,
    postgres,
    logs,
    db,
    stop: async () => {
      await app.close();
      await db.$disconnect();
      await broker.stop();
      await postgres.remove();
    },
  };
}
