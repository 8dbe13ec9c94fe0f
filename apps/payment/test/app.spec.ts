import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { createMigratedDatabase } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { startServiceApp } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { paymentConfigSchema } from '../src/config.js';

const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

describe('payment app', () => {
  let postgres: TestPostgres;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    const { url } = await createMigratedDatabase(postgres, 'payment', migrationsDir);
    const config = loadConfig('payment', paymentConfigSchema, {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
    });
    app = await startServiceApp(AppModule.forRoot(config), { transports: false });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await postgres.stop();
  });

  it('is live, and ready once its database answers', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ info: { database: { status: 'up' } } });
  });

  it('is not ready, naming the database, when the database is gone — but stays live', async () => {
    await postgres.stop();
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ error: { database: { status: 'down' } } });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});
