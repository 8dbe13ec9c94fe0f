import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { metricsExposition } from '@shop/metrics';
import { parseExposition, valueOf } from '@shop/metrics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox } from '../src/index.js';
import { inTransaction, pgSqlClient } from './support/pg-sql-client.js';
import { HandlerProbe, startOrdersTestApp } from './support/orders-test.app.js';
import { startServiceDatabase, type ServiceDatabase } from './support/service-database.js';

const ORDER = { learnerId: 'learner-1', courseIds: ['course-a'] };
const scrape = async () => parseExposition(await metricsExposition());
const requests = (outcome: string) => ({
  shop_idempotency_scope: 'orders.create',
  shop_idempotency_outcome: outcome,
});

describe('idempotency and inbox metrics, read as Prometheus reads them', () => {
  let database: ServiceDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await startServiceDatabase('checkout');
    app = await startOrdersTestApp(pgSqlClient(database.pool), new HandlerProbe());
  });
  afterAll(async () => {
    await app.close();
    await database.stop();
  });

  const post = (key: string, body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      payload: JSON.stringify(body),
    });

  it('counts a first request as claimed, a duplicate POST as a replay and a reused key as a conflict — never the key itself', async () => {
    const before = await scrape();
    const key = randomUUID();
    expect((await post(key, ORDER)).statusCode).toBe(201);
    expect((await post(key, ORDER)).statusCode).toBe(201);
    expect((await post(key, { ...ORDER, courseIds: ['course-b'] })).statusCode).toBe(422);

    const text = await metricsExposition();
    const after = parseExposition(text);
    const moved = (outcome: string) =>
      valueOf(after, 'shop_idempotency_requests_total', requests(outcome)) -
      valueOf(before, 'shop_idempotency_requests_total', requests(outcome));
    expect(moved('claimed')).toBe(1);
    expect(moved('replayed')).toBe(1);
    expect(moved('reused')).toBe(1);
    expect(text).not.toContain(key);
  });

  it('counts a duplicate message the inbox skipped', async () => {
    const before = valueOf(await scrape(), 'shop_inbox_duplicates_total');
    const id = randomUUID();
    await inTransaction(database.pool, (tx) => inbox.claim(tx, id));
    expect(valueOf(await scrape(), 'shop_inbox_duplicates_total')).toBe(before);
    await inTransaction(database.pool, (tx) => inbox.claim(tx, id));
    expect(valueOf(await scrape(), 'shop_inbox_duplicates_total')).toBe(before + 1);
  });
});
