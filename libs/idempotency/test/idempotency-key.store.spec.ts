import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyKeyStore, type StoredResponse } from '../src/index.js';
import { pgSqlClient } from './support/pg-sql-client.js';
import { startServiceDatabase, type ServiceDatabase } from './support/service-database.js';

const SCOPE = 'orders.create';
const CREATED: StoredResponse = {
  status: 201,
  headers: { 'content-type': 'application/json; charset=utf-8', location: '/v1/orders/1' },
  body: '{"id":"1"}',
};

describe('IdempotencyKeyStore on checkout’s idempotency_keys table', () => {
  let database: ServiceDatabase;
  let store: IdempotencyKeyStore;

  beforeAll(async () => {
    database = await startServiceDatabase('checkout');
    store = new IdempotencyKeyStore(pgSqlClient(database.pool), { inFlightLeaseMs: 60_000 });
  });
  afterAll(() => database.stop());

  // Moves a key's clock back instead of waiting: the store reads time from the database.
  async function age(key: string, column: 'lease_expires_at' | 'expires_at', by: string) {
    await database.pool.query(
      `UPDATE idempotency_keys SET ${column} = ${column} - $2::interval WHERE key = $1`,
      [key, by],
    );
  }

  it('lets exactly one of 50 concurrent claims of a key win', async () => {
    const key = randomUUID();
    const claims = await Promise.all(
      Array.from({ length: 50 }, () => store.claim(SCOPE, key, 'fp')),
    );
    expect(claims.filter((c) => c.outcome === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.outcome === 'in-flight')).toHaveLength(49);
  });

  it('returns the stored response once completed, and "reused" for another fingerprint', async () => {
    const key = randomUUID();
    const claim = await store.claim(SCOPE, key, 'fp');
    if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
    expect(await store.complete(claim.token, CREATED)).toBe(true);
    expect(await store.claim(SCOPE, key, 'fp')).toEqual({
      outcome: 'completed',
      response: CREATED,
    });
    expect(await store.claim(SCOPE, key, 'another-fp')).toEqual({ outcome: 'reused' });
  });

  it('keeps keys apart per scope', async () => {
    const key = randomUUID();
    expect((await store.claim('orders.create', key, 'fp')).outcome).toBe('claimed');
    expect((await store.claim('refunds.create', key, 'other')).outcome).toBe('claimed');
  });

  it('frees a released key for the next claim', async () => {
    const key = randomUUID();
    const first = await store.claim(SCOPE, key, 'fp');
    if (first.outcome !== 'claimed') throw new Error('expected a claim');
    await store.release(first.token);
    expect((await store.claim(SCOPE, key, 'fp')).outcome).toBe('claimed');
  });

  it('treats an expired key as new, whatever its fingerprint was', async () => {
    const key = randomUUID();
    const first = await store.claim(SCOPE, key, 'fp');
    if (first.outcome !== 'claimed') throw new Error('expected a claim');
    await store.complete(first.token, CREATED);
    await age(key, 'expires_at', '25 hours');
    expect((await store.claim(SCOPE, key, 'another-fp')).outcome).toBe('claimed');
  });

  it('lets the same request take over a claim whose lease ran out; the stale runner can no longer complete, renew or release', async () => {
    const key = randomUUID();
    const stale = await store.claim(SCOPE, key, 'fp');
    if (stale.outcome !== 'claimed') throw new Error('expected a claim');
    await age(key, 'lease_expires_at', '2 minutes');
    expect(await store.claim(SCOPE, key, 'another-fp')).toEqual({ outcome: 'reused' });
    const takeover = await store.claim(SCOPE, key, 'fp');
    if (takeover.outcome !== 'claimed') throw new Error('expected a takeover');
    // The fence: the old token matches nothing any more.
    expect(await store.complete(stale.token, CREATED)).toBe(false);
    expect(await store.renew(stale.token)).toBe(false);
    await store.release(stale.token);
    expect(await store.claim(SCOPE, key, 'fp')).toEqual({ outcome: 'in-flight' });
    expect(await store.complete(takeover.token, CREATED)).toBe(true);
    expect(await store.claim(SCOPE, key, 'fp')).toEqual({
      outcome: 'completed',
      response: CREATED,
    });
  });

  it('keeps the key of a runner that heartbeats; once the heartbeat stops (a dead runner) it is taken over within one lease', async () => {
    const shortLease = new IdempotencyKeyStore(pgSqlClient(database.pool), {
      inFlightLeaseMs: 300,
    });
    const key = randomUUID();
    const runner = await shortLease.claim(SCOPE, key, 'fp');
    if (runner.outcome !== 'claimed') throw new Error('expected a claim');
    const leaseOf = async () =>
      (
        await database.pool.query<{ lease: Date }>(
          'SELECT lease_expires_at AS lease FROM idempotency_keys WHERE key = $1',
          [key],
        )
      ).rows[0]!.lease.getTime();
    const first = await leaseOf();
    const stop = shortLease.keepAlive(runner.token, () => undefined);
    // Renewed twice: the lease has moved on by more than one lease.
    await expect.poll(leaseOf, { timeout: 10_000, interval: 20 }).toBeGreaterThan(first + 300);
    expect(await shortLease.claim(SCOPE, key, 'fp')).toEqual({ outcome: 'in-flight' });

    stop(); // the runner dies: nobody renews any more
    await expect
      .poll(async () => (await shortLease.claim(SCOPE, key, 'fp')).outcome, {
        timeout: 10_000,
        interval: 50,
      })
      .toBe('claimed');
    expect(await shortLease.complete(runner.token, CREATED)).toBe(false);
  });

  it('tells a runner that lost its claim, and stops renewing it', async () => {
    const shortLease = new IdempotencyKeyStore(pgSqlClient(database.pool), {
      inFlightLeaseMs: 150,
    });
    const key = randomUUID();
    const runner = await shortLease.claim(SCOPE, key, 'fp');
    if (runner.outcome !== 'claimed') throw new Error('expected a claim');
    await age(key, 'lease_expires_at', '1 second');
    const takeover = await shortLease.claim(SCOPE, key, 'fp');
    expect(takeover.outcome).toBe('claimed');
    let lost = false;
    const stop = shortLease.keepAlive(runner.token, () => (lost = true));
    await expect.poll(() => lost, { timeout: 10_000, interval: 20 }).toBe(true);
    stop();
  });

  it('purges expired keys only', async () => {
    const [expired, live] = [randomUUID(), randomUUID()];
    await store.claim(SCOPE, expired, 'fp');
    await store.claim(SCOPE, live, 'fp');
    await age(expired, 'expires_at', '25 hours');
    expect(await store.purgeExpired(1)).toBeGreaterThanOrEqual(1);
    const left = await database.pool.query<{ key: string }>(
      'SELECT key FROM idempotency_keys WHERE key = ANY($1)',
      [[expired, live]],
    );
    expect(left.rows.map((r) => r.key)).toEqual([live]);
  });
});
