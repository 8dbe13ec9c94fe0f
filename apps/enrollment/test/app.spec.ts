import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { createMigratedDatabase } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { startServiceApp } from '@shop/platform';
import { start as startAmqpBroker } from '@shop/amqp-broker';
import { start as startKafkaBroker } from '@shop/kafka-broker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { enrollmentConfigSchema } from '../src/config.js';

const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

describe('enrollment app', () => {
  let postgres: TestPostgres;
  let app: NestFastifyApplication;
  let amqp: Awaited<ReturnType<typeof startAmqpBroker>>;
  let kafka: Awaited<ReturnType<typeof startKafkaBroker>>;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    amqp = await startAmqpBroker({ port: 0 });
    kafka = await startKafkaBroker({ port: 0, logLevel: 'silent' });
    const { url } = await createMigratedDatabase(postgres, 'enrollment', migrationsDir);
    const config = loadConfig('enrollment', enrollmentConfigSchema, {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      AMQP_URL: amqp.url,
      KAFKA_BROKERS: kafka.address,
    });
    app = await startServiceApp(AppModule.forRoot(config));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await Promise.all([postgres.stop(), amqp.stop(), kafka.stop()]);
  });

  it('is live, and ready once its database, its AMQP queue and its outbox answer', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      info: { database: { status: 'up' }, amqp: { status: 'up' }, outbox: { status: 'up' } },
    });
  });

  it('is not ready, naming the database, when the database is gone — but stays live', async () => {
    await postgres.stop();
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ error: { database: { status: 'down' } } });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  it('is not ready, naming amqp, when the AMQP broker is gone', async () => {
    await amqp.stop();
    // The session hears the broker go a moment later.
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, {
        timeout: 10_000,
      })
      .toBe(503);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toMatchObject({ error: { amqp: { status: 'down' } } });
  });
});
