// Builds analytics's database from the committed migrations alone, then round-trips
// every model through the generated Prisma Client: schema.prisma and the SQL
// cannot drift apart without this file failing.
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@shop/database';
import { createMigratedDatabase, prismaHistoryProblems } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../src/generated/prisma/client.js';

const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

let server: TestPostgres;
let url: string;
let prisma: PrismaClient;

beforeAll(async () => {
  server = await startTestPostgres();
  ({ url } = await createMigratedDatabase(server, 'analytics', migrationsDir));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
}, 60_000); // initdb takes seconds on a busy machine
afterAll(async () => {
  await prisma.$disconnect();
  await server.stop();
});

describe('analytics database', () => {
  it('records the migrations in _prisma_migrations exactly as prisma migrate deploy would', async () => {
    expect(await prismaHistoryProblems(url, migrationsDir)).toEqual([]);
  });

  it('round-trips course stats, with revenue beyond 32 bits as a bigint', async () => {
    const courseId = '8b7a6f5e-4d3c-4b2a-9f1e-0d9c8b7a6f5e';
    const created = await prisma.courseStats.create({ data: { courseId, currency: 'EUR' } });
    expect(created).toMatchObject({ conversions: 0, cancellations: 0, revenueMinor: 0n });
    const updated = await prisma.courseStats.update({
      where: { courseId },
      data: {
        conversions: { increment: 3 },
        cancellations: { increment: 1 },
        revenueMinor: { increment: 5_000_000_000n },
      },
    });
    expect(await prisma.courseStats.findUniqueOrThrow({ where: { courseId } })).toEqual(updated);
    expect(updated).toMatchObject({
      conversions: 3,
      cancellations: 1,
      revenueMinor: 5_000_000_000n,
      currency: 'EUR',
    });
    await expect(
      prisma.courseStats.create({ data: { courseId, currency: 'EUR' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('round-trips an inbox message and refuses the same message id twice', async () => {
    const seen = await prisma.inboxMessage.create({ data: { messageId: 'evt-1' } });
    expect(await prisma.inboxMessage.findUniqueOrThrow({ where: { messageId: 'evt-1' } })).toEqual(
      seen,
    );
    expect(seen.receivedAt).toBeInstanceOf(Date);
    await expect(
      prisma.inboxMessage.create({ data: { messageId: 'evt-1' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('round-trips a counted order and refuses the same order twice', async () => {
    const order = {
      orderId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      outcome: 'COMPLETED' as const,
      learnerId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
      lines: '8b7a6f5e-4d3c-4b2a-9f1e-0d9c8b7a6f5e 4900 EUR',
    };
    const created = await prisma.countedOrder.create({ data: order });
    expect(created).toMatchObject(order);
    expect(
      await prisma.countedOrder.findUniqueOrThrow({ where: { orderId: order.orderId } }),
    ).toEqual(created);
    await expect(
      prisma.countedOrder.create({ data: { ...order, outcome: 'CANCELLED' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });
});
