// The order repository's concurrency contract against real PostgreSQL: one
// order per idempotency key, and status changes that apply only to the status
// they start from (compare-and-set), so two runners of one key cannot both win.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@shop/database';
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

function newOrder(idempotencyKey: string): Order {
  return Order.place(
    { id: randomUUID(), idempotencyKey, learnerId: randomUUID() },
    [{ courseId, priceMinor: 4900, currency: 'EUR' }],
    new Date(),
  );
}

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
});
