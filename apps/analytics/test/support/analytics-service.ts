import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { createPrismaClient } from '@shop/database';
import { createMigratedDatabase } from '@shop/database/testing';
import { start, type RunningBroker } from '@shop/kafka-broker';
import { startServiceApp } from '@shop/platform';
import { AppModule } from '../../src/app.module.js';
import { analyticsConfigSchema } from '../../src/config.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { startRestartablePostgres, type RestartablePostgres } from '@shop/local-postgres/testing';

const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** analytics as it runs: its own migrated database, a Kafka broker, the app consuming. */
export interface AnalyticsService {
  readonly app: NestFastifyApplication;
  readonly broker: RunningBroker;
  readonly postgres: RestartablePostgres;
  /** A client of analytics' database, for the test's own reads. */
  readonly db: PrismaClient;
  stop(): Promise<void>;
}

export async function startAnalyticsService(): Promise<AnalyticsService> {
  const postgres = await startRestartablePostgres();
  const { url } = await createMigratedDatabase(postgres.server, 'analytics', migrationsDir);
  const broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'warn' });
  const config = loadConfig('analytics', analyticsConfigSchema, {
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: url,
    KAFKA_BROKERS: broker.address,
  });
  const app = await startServiceApp(AppModule.forRoot(config));
  const db = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
  return {
    app,
    broker,
    postgres,
    db,
    stop: async () => {
      await app.close();
      await db.$disconnect();
      await broker.stop();
      await postgres.remove();
    },
  };
}
