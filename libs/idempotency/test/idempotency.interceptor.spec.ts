import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deferred, within } from './support/deferred.js';
import { pgSqlClient } from './support/pg-sql-client.js';
import { HandlerProbe, startOrdersTestApp } from './support/orders-test.app.js';
import { startServiceDatabase, type ServiceDatabase } from './support/service-database.js';

const PROBLEMS = 'https://course-shop.example/problems/';
const ORDER = { learnerId: 'learner-1', courseIds: ['course-a', 'course-b'] };

describe('an @Idempotent endpoint on Nest + Fastify', () => {
  let database: ServiceDatabase;
  let app: NestFastifyApplication;
  const probe = new HandlerProbe();

  beforeAll(async () => {
    database = await startServiceDatabase('checkout');
    app = await startOrdersTestApp(pgSqlClient(database.pool), probe);
  });
  afterAll(async () => {
    await app.close();
    await database.stop();
  });
  beforeEach(() => {
    probe.calls = 0;
  });

  function post(key: string | undefined, body: unknown, url = '/v1/orders') {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== undefined) headers['idempotency-key'] = key;
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    return app.inject({ method: 'POST', url, headers, payload });
  }

  it('runs the handler once for 50 concurrent requests: 409 while it runs, then byte-identical replays', async () => {
    const release = probe.hold();
    const key = randomUUID();
    let answered = 0;
    const allAnswered = deferred();
    const firstWave = Array.from({ length: 50 }, () =>
      post(key, ORDER).then((response) => {
        if (++answered === 49) allAnswered.resolve();
        return response;
      }),
    );
    await probe.entered.promise;
    // 49 answers while the handler is held: none of them can be its result.
    await within(
      allAnswered.promise,
      10_000,
      () => `${answered} of 49 duplicates answered while it ran`,
    );
    release();
    const first = await Promise.all(firstWave);

    const created = first.filter((r) => r.statusCode === 201);
    const busy = first.filter((r) => r.statusCode === 409);
    expect(created).toHaveLength(1);
    expect(busy).toHaveLength(49);
    for (const response of busy) {
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json()).toMatchObject({ type: `${PROBLEMS}idempotency-request-in-progress` });
    }
    const original = created[0]!;
    expect(original.headers.location).toMatch(/^\/v1\/orders\//);
    expect(original.headers['idempotent-replayed']).toBeUndefined();
    expect(original.headers['content-length']).toBe(String(original.rawPayload.length));

    const replays = await Promise.all(Array.from({ length: 50 }, () => post(key, ORDER)));
    expect(probe.calls).toBe(1);
    for (const replay of replays) {
      expect(replay.statusCode).toBe(201);
      expect(replay.rawPayload.equals(original.rawPayload)).toBe(true);
      expect(replay.headers.location).toBe(original.headers.location);
      expect(replay.headers['content-type']).toBe(original.headers['content-type']);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    }
  });

  it('answers 422 idempotency-key-reused for the same key with another body, without running the handler', async () => {
    const key = randomUUID();
    expect((await post(key, ORDER)).statusCode).toBe(201);
    const reused = await post(key, { ...ORDER, courseIds: ['course-c'] });
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(reused.json()).toMatchObject({ type: `${PROBLEMS}idempotency-key-reused`, status: 422 });
    expect(probe.calls).toBe(1);
  });

  it('recognises the same JSON body with its keys in another order as the same request', async () => {
    const key = randomUUID();
    const original = await post(key, ORDER);
    const replay = await post(
      key,
      `{ "courseIds": ${JSON.stringify(ORDER.courseIds)}, "learnerId": "learner-1" }`,
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(original.body);
  });

  it('stores a domain failure (402) and replays its problem+json byte for byte', async () => {
    const key = randomUUID();
    const original = await post(key, { ...ORDER, card: 'declined' });
    const replay = await post(key, { ...ORDER, card: 'declined' });
    expect(original.statusCode).toBe(402);
    // The same Content-Type as the problems the platform's filter sends.
    expect(original.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(replay.statusCode).toBe(402);
    expect(replay.rawPayload.equals(original.rawPayload)).toBe(true);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(probe.calls).toBe(1);
  });

  it('releases the key when the handler fails with a 500, so a retry with the same key runs it again', async () => {
    const key = randomUUID();
    probe.crashNext();
    const failed = await post(key, ORDER);
    const retried = await post(key, ORDER);
    expect(failed.statusCode).toBe(500);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(probe.calls).toBe(2);
  });

  it('releases the key when validation rejects the body (400), so a corrected body may use it', async () => {
    const key = randomUUID();
    const invalid = await post(key, { learnerId: 'learner-1', courseIds: [] });
    const corrected = await post(key, ORDER);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ type: `${PROBLEMS}invalid-request` });
    expect(corrected.statusCode).toBe(201);
  });

  it('requires the key: 400 idempotency-key-required when missing, idempotency-key-invalid when malformed', async () => {
    const missing = await post(undefined, ORDER);
    const tooShort = await post('abc', ORDER);
    const withSpace = await post('not a valid key', ORDER);
    const tooLong = await post('k'.repeat(256), ORDER);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ type: `${PROBLEMS}idempotency-key-required` });
    for (const malformed of [tooShort, withSpace, tooLong]) {
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ type: `${PROBLEMS}idempotency-key-invalid` });
    }
    expect(probe.calls).toBe(0);
  });

  it('treats an expired key as new', async () => {
    const key = randomUUID();
    const original = await post(key, ORDER);
    await database.pool.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [key],
    );
    const fresh = await post(key, ORDER);
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.headers.location).not.toBe(original.headers.location);
    expect(probe.calls).toBe(2);
  });

  it('keeps the status of the route (@HttpCode) and scopes keys per endpoint', async () => {
    const key = randomUUID();
    await post(key, ORDER);
    const cart = await post(key, { items: 1 }, '/v1/carts');
    const replay = await post(key, { items: 1 }, '/v1/carts');
    expect(cart.statusCode).toBe(200);
    expect(cart.json()).toEqual({ cart: { items: 1 } });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });
});
