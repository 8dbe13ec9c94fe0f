import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { createMigratedDatabase } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { startServiceApp } from '@shop/platform';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { checkoutConfigSchema } from '../src/config.js';

const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
const seedFile = fileURLToPath(new URL('../prisma/seed.sql', import.meta.url));

describe('GET /v1/courses', () => {
  let postgres: TestPostgres;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    const { url } = await createMigratedDatabase(postgres, 'checkout', migrationsDir);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(await readFile(seedFile, 'utf8'));
    await client.end();
    const config = loadConfig('checkout', checkoutConfigSchema, {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
    });
    app = await startServiceApp(AppModule.forRoot(config), { transports: false });
    await app.getHttpAdapter().getInstance().ready();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await postgres.stop();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('lists the seeded catalog with prices in minor units, a bounded page at a time', async () => {
    const first = await get('/v1/courses?limit=3');
    expect(first.statusCode).toBe(200);
    const page = first.json<{ items: { slug: string; price: object }[]; nextCursor: string }>();
    expect(page.items.map((c) => c.slug)).toEqual([
      'async-messaging-101',
      'grpc-in-practice',
      'kafka-events-deep-dive',
    ]);
    expect(page.items[0]!.price).toEqual({ amountMinor: 4900, currency: 'EUR' });
    const rest = await get(`/v1/courses?limit=3&cursor=${page.nextCursor}`);
    expect(rest.json()).toMatchObject({
      items: [{ slug: 'outbox-pattern-masterclass' }],
      nextCursor: null,
    });
  });

  it('answers an unknown course with a course-not-found problem', async () => {
    const res = await get('/v1/courses/6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f99');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: 'https://course-shop.example/problems/course-not-found',
    });
  });

  it('answers a malformed id, an oversized page and a forged cursor with 400 problems', async () => {
    expect((await get('/v1/courses/not-a-uuid')).json()).toMatchObject({
      status: 400,
      errors: [{ field: 'id' }],
    });
    expect((await get('/v1/courses?limit=101')).json()).toMatchObject({
      status: 400,
      errors: [{ field: 'limit' }],
    });
    expect((await get('/v1/courses?cursor=forged')).json()).toMatchObject({
      status: 400,
      type: 'https://course-shop.example/problems/invalid-cursor',
    });
  });
});
