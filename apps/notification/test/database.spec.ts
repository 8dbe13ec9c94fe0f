// Builds notification's database from the committed migrations alone, then round-trips
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
  ({ url } = await createMigratedDatabase(server, 'notification', migrationsDir));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
}, 60_000); // initdb takes seconds on a busy machine
afterAll(async () => {
  await prisma.$disconnect();
  await server.stop();
});

describe('notification database', () => {
  it('records the migrations in _prisma_migrations exactly as prisma migrate deploy would', async () => {
    expect(await prismaHistoryProblems(url, migrationsDir)).toEqual([]);
  });

  it('round-trips a receipt and keeps a single receipt per order', async () => {
    const data = {
      orderId: '6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c',
      learnerId: '7a6f5e4d-3c2b-4a1f-8e0d-9c8b7a6f5e4d',
      email: 'ada@example.test',
      body: 'Thank you for buying Domain-Driven Design.\nTotal: 49.00 EUR',
      sentAt: new Date('2026-01-01T12:00:00.123Z'),
    };
    const receipt = await prisma.receipt.create({ data });
    expect(await prisma.receipt.findUniqueOrThrow({ where: { orderId: data.orderId } })).toEqual({
      id: receipt.id,
      ...data,
    });
    await expect(prisma.receipt.create({ data })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('records a receipt whose address is unknown (order events carry none)', async () => {
    const receipt = await prisma.receipt.create({
      data: {
        orderId: '1e2d3c4b-5a69-4f8e-9d7c-6b5a4f3e2d1c',
        learnerId: '7a6f5e4d-3c2b-4a1f-8e0d-9c8b7a6f5e4d',
        body: 'Thank you for your order.',
        sentAt: new Date(),
      },
    });
    expect(receipt.email).toBeNull();
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
});
