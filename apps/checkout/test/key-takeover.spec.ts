// An Idempotency-Key held by a checkout that died (its row IN_FLIGHT, nobody
// renewing it): clients get 409 with Retry-After meanwhile, over REST and
// GraphQL; once its lease runs out a retry takes it over, and the dead
// holder's late write is refused. The lease is run out by moving the row's
// clock, not by waiting.
import { randomUUID } from 'node:crypto';
import { fingerprintRequest, IdempotencyKeyStore, type SqlClient } from '@shop/idempotency';
import { postGraphql } from '@shop/subgraph/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;
let deadHolder: IdempotencyKeyStore;
const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const SCOPE = 'orders.create';

// Prisma's two raw methods over a pg pool: all the key store needs.
function sqlClient(pool: pg.Pool): SqlClient {
  return {
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await pool.query(query, values)).rows as T,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
      (await pool.query(query, values)).rowCount ?? 0,
  };
}

beforeAll(async () => {
  checkout = await startCheckoutTestApp({ IDEMPOTENCY_RETRY_AFTER_SECONDS: '2' });
  deadHolder = new IdempotencyKeyStore(sqlClient(checkout.db));
}, 60_000);
afterAll(async () => checkout.stop());

async function claimAsDeadHolder(key: string, fingerprint: string): Promise<string> {
  const claim = await deadHolder.claim(SCOPE, key, fingerprint);
  if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
  return claim.token;
}

// What a crashed holder leaves: its lease, no longer renewed, runs out.
async function runOutLease(key: string) {
  await checkout.db.query(
    "UPDATE idempotency_keys SET lease_expires_at = now() - interval '1 second' WHERE key = $1",
    [key],
  );
}

const payload = { courseIds: [COURSES.messaging] };
async function post(key: string) {
  return checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: { 'idempotency-key': key, authorization: await checkout.authorization(learnerId) },
    payload,
  });
}

describe('When the checkout holding an Idempotency-Key died', () => {
  it('then REST answers 409 request-in-progress with Retry-After until the lease runs out, a retry then takes the key over, and the dead holder cannot overwrite it', async () => {
    const key = randomUUID();
    const fingerprint = fingerprintRequest({
      method: 'POST',
      url: '/v1/orders',
      body: payload,
      caller: learnerId,
    });
    const deadToken = await claimAsDeadHolder(key, fingerprint);

    const busy = await post(key);
    expect(busy.statusCode).toBe(409);
    expect(busy.headers['retry-after']).toBe('2');
    expect(busy.json()).toMatchObject({
      type: 'https://course-shop.example/problems/idempotency-request-in-progress',
    });

    await runOutLease(key);
    const taken = await post(key);
    expect(taken.statusCode).toBe(201);
    expect(await deadHolder.complete(deadToken, { status: 500, headers: {}, body: 'late' })).toBe(
      false,
    );
    const replay = await post(key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(taken.body);
  });

  it('then GraphQL answers IDEMPOTENCY_KEY_IN_FLIGHT with retryAfterMs, and places the order once the lease ran out', async () => {
    const key = randomUUID();
    const fingerprint = fingerprintRequest({
      method: 'MUTATION',
      url: 'placeOrder',
      body: { courseIds: [COURSES.messaging], cardToken: 'tok_visa', learnerId },
    });
    await claimAsDeadHolder(key, fingerprint);
    const mutation = `mutation { placeOrder(input: {idempotencyKey: "${key}", courseIds: ["${COURSES.messaging}"]}) { id status } }`;

    const busy = await postGraphql<unknown>(checkout.app, mutation, { learnerId });
    expect(busy.errors?.[0]?.extensions).toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
      retryAfterMs: 2_000,
    });

    await runOutLease(key);
    const placed = await postGraphql<{ placeOrder: { status: string } }>(checkout.app, mutation, {
      learnerId,
    });
    expect(placed.errors).toBeUndefined();
    expect(placed.data?.placeOrder.status).toBe('ENROLLING');
  });
});

describe('When the request holding a key is alive but slower than the lease', () => {
  const LEASE_MS = 1_500;
  let slow: CheckoutTestApp;
  beforeAll(async () => {
    // Short enough to renew several times in the test, long enough that a loaded
    // event loop still beats it (the heartbeat renews every third of a lease).
    slow = await startCheckoutTestApp({ IDEMPOTENCY_LEASE_MS: `${LEASE_MS}` });
  }, 60_000);
  afterAll(async () => slow.stop());

  it('then its heartbeat keeps the key: retries get 409 and the order is paid once', async () => {
    const key = randomUUID();
    const release = slow.payments.holdAuthorize();
    const post = async () =>
      slow.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { 'idempotency-key': key, authorization: await slow.authorization(learnerId) },
        payload,
      });
    const first = post();
    const leaseOf = async () => {
      const { rows } = await slow.db.query<{ lease: Date }>(
        'SELECT lease_expires_at AS lease FROM idempotency_keys WHERE key = $1',
        [key],
      );
      return rows[0]?.lease.getTime() ?? 0;
    };
    await expect.poll(leaseOf, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    const claimedLease = await leaseOf();
    // Renewed past several leases while the request is held in payment.
    await expect
      .poll(leaseOf, { timeout: 30_000, interval: 50 })
      .toBeGreaterThan(claimedLease + 3 * LEASE_MS);
    const retry = await post();
    expect(retry.statusCode).toBe(409);

    release();
    expect((await first).statusCode).toBe(201);
    const charges = slow.payments.authorizeCalls.filter((c) => c.learnerId === learnerId);
    expect(charges).toHaveLength(1);
  });
});
