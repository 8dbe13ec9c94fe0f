// The order repository's concurrency contract against real PostgreSQL: one
// order per idempotency key, and status changes that apply only to the status
// they start from (compare-and-set), so two runners of one key cannot both win.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@shop/database';
import {
  IdempotencyKeyStore,
  KeyNotClaimedError,
  TransactionalKey,
  type StoredResponse,
} from '@shop/idempotency';
import { createMigratedDatabase } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { Order } from '../src/orders/domain/order.js';
import { PrismaOrdersRepository } from '../src/orders/prisma-orders.repository.js';

const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

let server: TestPostgres;
let prisma: PrismaClient;
let orders: PrismaOrdersRepository;
let courseId: string;

beforeAll(async () => {
  server = await startTestPostgres();
  const { url } = await createMigratedDatabase(server, 'checkout_orders', migrationsDir);
  prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 4 });
  orders = new PrismaOrdersRepository(prisma);
  const course = await prisma.course.create({
    data: { slug: 'cqrs-101', title: 'CQRS', priceMinor: 4900, currency: 'EUR', capacityHint: 9 },
  });
  courseId = course.id;
}, 60_000);
afterAll(async () => {
  await prisma.$disconnect();
  await server.stop();
});

function newOrder(idempotencyKey: string, course = courseId): Order {
  return Order.place(
    { id: randomUUID(), idempotencyKey, learnerId: randomUUID() },
    [{ courseId: course, priceMinor: 4900, currency: 'EUR' }],
    new Date(),
  );
}

// The request's key as @Idempotent({ inTransactions }) hands it to the handler.
function requestKey(key: string): TransactionalKey {
  const store = new IdempotencyKeyStore(prisma);
  return new TransactionalKey(store, { scope: 'orders.create', key, fingerprint: 'f-1' }, () => {
    throw new Error('the claim was lost');
  });
}

async function keyRow(key: string) {
  const rows = await prisma.$queryRaw<{ state: string; body: string | null }[]>`
    SELECT state::text AS state, response_body AS body FROM idempotency_keys WHERE key = ${key}`;
  return rows[0];
}

const PLACED: StoredResponse = { status: 201, headers: {}, body: '{"status":"ENROLLING"}' };

describe('PrismaOrdersRepository', () => {
  it('stores an order with its lines and first history entry, read back as written', async () => {
    const order = newOrder('repo-key-1');
    await orders.insert(order);
    expect((await orders.byId(order.snapshot.id))?.snapshot).toEqual(order.snapshot);
  });

  it('returns the first order when a second one is inserted with the same idempotency key', async () => {
    const first = newOrder('repo-key-2');
    await orders.insert(first);
    const second = await orders.insert(newOrder('repo-key-2'));
    expect(second.snapshot.id).toBe(first.snapshot.id);
    expect(await prisma.order.count({ where: { idempotencyKey: 'repo-key-2' } })).toBe(1);
  });

  it('applies a status change only while the stored status is the one it starts from', async () => {
    const order = newOrder('repo-key-3');
    await orders.insert(order);
    // Two runners hold the same PENDING_PAYMENT order; both try to move it.
    const runnerA = (await orders.byId(order.snapshot.id))!;
    const runnerB = (await orders.byId(order.snapshot.id))!;
    const now = new Date();
    const a = await orders.inTransaction((tx) =>
      tx.recordChanges(runnerA, [runnerA.paymentAuthorized(randomUUID(), now)]),
    );
    const b = await orders.inTransaction((tx) =>
      tx.recordChanges(runnerB, [runnerB.paymentDeclined('CARD_DECLINED', now)]),
    );

    expect([a, b]).toEqual([true, false]);
    const stored = (await orders.byId(order.snapshot.id))!.snapshot;
    expect(stored.status).toBe('PAID');
    expect(stored.history.map((c) => c.to)).toEqual(['PENDING_PAYMENT', 'PAID']);
  });

  describe("with the request's Idempotency-Key in the order's transactions", () => {
    it('claims the key in the transaction that inserts the order', async () => {
      const key = requestKey('repo-key-4');
      const order = newOrder('repo-key-4');
      await orders.insert(order, key);
      key.stop();

      expect(key.heldToken).toBeDefined();
      expect(await keyRow('repo-key-4')).toEqual({ state: 'IN_FLIGHT', body: null });
      expect(await orders.byId(order.snapshot.id)).toBeDefined();
    });

    it('rolls the claim back with an insert that fails, so the key stays free for a retry', async () => {
      const failing = requestKey('repo-key-5');
      // No such course: the line's foreign key fails the insert, after the claim.
      await expect(orders.insert(newOrder('repo-key-5', randomUUID()), failing)).rejects.toThrow();

      expect(failing.heldToken).toBeUndefined();
      expect(await keyRow('repo-key-5')).toBeUndefined();
      const retry = requestKey('repo-key-5');
      await orders.insert(newOrder('repo-key-5'), retry);
      retry.stop();
      expect(retry.heldToken).toBeDefined();
    });

    it('inserts nothing when the key is held by another runner: the claim is refused', async () => {
      const store = new IdempotencyKeyStore(prisma);
      await store.claim('orders.create', 'repo-key-6', 'f-1');

      const refused = orders.insert(newOrder('repo-key-6'), requestKey('repo-key-6'));

      await expect(refused).rejects.toBeInstanceOf(KeyNotClaimedError);
      await expect(refused).rejects.toMatchObject({ refusal: { outcome: 'in-flight' } });
      expect(await prisma.order.count({ where: { idempotencyKey: 'repo-key-6' } })).toBe(0);
    });

    it('stores the response in the commit of the status change, and not without it', async () => {
      const key = requestKey('repo-key-7');
      const order = newOrder('repo-key-7');
      await orders.insert(order, key);
      const paid = () => [order.paymentAuthorized(randomUUID(), new Date())];

      const failed = orders.inTransaction(async (tx) => {
        await tx.recordChanges(order, paid());
        await tx.completeKey(key, PLACED);
        throw new Error('the outbox insert failed');
      });
      await expect(failed).rejects.toThrow('the outbox insert failed');
      expect(key.storedResponse).toBeUndefined();
      expect(await keyRow('repo-key-7')).toEqual({ state: 'IN_FLIGHT', body: null });

      const stored = await orders.byId(order.snapshot.id);
      await orders.inTransaction(async (tx) => {
        await tx.recordChanges(stored!, [stored!.paymentAuthorized(randomUUID(), new Date())]);
        await tx.completeKey(key, PLACED);
      });
      expect(key.storedResponse).toEqual(PLACED);
      expect(await keyRow('repo-key-7')).toEqual({ state: 'COMPLETED', body: PLACED.body });
      expect((await orders.byId(order.snapshot.id))?.snapshot.status).toBe('PAID');
      key.stop();
    });
  });
});
