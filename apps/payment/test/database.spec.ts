// Builds payment's database from the committed migrations alone, then round-trips
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
  ({ url } = await createMigratedDatabase(server, 'payment', migrationsDir));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
}, 60_000); // initdb takes seconds on a busy machine
afterAll(async () => {
  await prisma.$disconnect();
  await server.stop();
});

describe('payment database', () => {
  it('records the migrations in _prisma_migrations exactly as prisma migrate deploy would', async () => {
    expect(await prismaHistoryProblems(url, migrationsDir)).toEqual([]);
  });

  it('round-trips payments in every status (pending included), keeping only the card last four', async () => {
    const base = {
      orderId: '1f0e2d3c-4b5a-4968-8778-695a4b3c2d1e',
      amountMinor: 4900,
      currency: 'EUR',
    };
    const authorized = await prisma.payment.create({
      data: {
        ...base,
        idempotencyKey: 'pay-1',
        status: 'AUTHORIZED',
        cardLast4: '4242',
        learnerId: 'learner-42',
        requestFingerprint: 'a'.repeat(64),
      },
    });
    const pending = await prisma.payment.create({
      data: { ...base, idempotencyKey: 'pay-pending', status: 'PENDING' },
    });
    const declined = await prisma.payment.create({
      data: {
        ...base,
        idempotencyKey: 'pay-2',
        status: 'DECLINED',
        declineReason: 'insufficient_funds',
        cardLast4: '0002',
      },
    });
    const refunded = await prisma.payment.update({
      where: { id: authorized.id },
      data: { status: 'REFUNDED' },
    });

    expect(await prisma.payment.findUniqueOrThrow({ where: { id: declined.id } })).toEqual(
      declined,
    );
    expect(await prisma.payment.findUniqueOrThrow({ where: { idempotencyKey: 'pay-1' } })).toEqual(
      refunded,
    );
    expect(declined).toMatchObject({
      status: 'DECLINED',
      declineReason: 'insufficient_funds',
      cardLast4: '0002',
    });
    expect(authorized.declineReason).toBeNull();
    expect(refunded).toMatchObject({ learnerId: 'learner-42', requestFingerprint: 'a'.repeat(64) });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: pending.id } })).toEqual(pending);
    expect(pending).toMatchObject({ status: 'PENDING', learnerId: null, requestFingerprint: null });
    await expect(
      prisma.payment.create({ data: { ...base, idempotencyKey: 'pay-1', status: 'AUTHORIZED' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await expect(
      prisma.payment.create({
        data: {
          ...base,
          idempotencyKey: 'pay-3',
          status: 'AUTHORIZED',
          cardLast4: '4242424242424242',
        },
      }),
    ).rejects.toThrow();
  });

  it('round-trips refunds of a payment, one per idempotency key', async () => {
    const payment = await prisma.payment.create({
      data: {
        orderId: '2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d',
        amountMinor: 1000,
        currency: 'USD',
        idempotencyKey: 'pay-r',
        status: 'AUTHORIZED',
      },
    });
    const refund = await prisma.refund.create({
      data: {
        paymentId: payment.id,
        idempotencyKey: 'refund-1',
        amountMinor: 1000,
        status: 'SUCCEEDED',
      },
    });
    const failed = await prisma.refund.create({
      data: { paymentId: payment.id, idempotencyKey: 'refund-2', amountMinor: 1, status: 'FAILED' },
    });

    const read = await prisma.payment.findUniqueOrThrow({
      where: { id: payment.id },
      include: { refunds: { orderBy: { createdAt: 'asc' } } },
    });
    expect(read.refunds).toEqual([refund, failed]);
    await expect(
      prisma.refund.create({
        data: {
          paymentId: payment.id,
          idempotencyKey: 'refund-1',
          amountMinor: 1,
          status: 'SUCCEEDED',
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await expect(prisma.payment.delete({ where: { id: payment.id } })).rejects.toThrow();
  });

  it("round-trips the simulated processor's own records, one per authorization key", async () => {
    const approved = await prisma.simulatedProcessorAuthorization.create({
      data: { idempotencyKey: 'attempt-1', outcome: 'APPROVED', cardLast4: '4242' },
    });
    const voided = await prisma.simulatedProcessorAuthorization.create({
      data: { idempotencyKey: 'attempt-2', outcome: 'VOIDED' },
    });
    expect(
      await prisma.simulatedProcessorAuthorization.findMany({ orderBy: { idempotencyKey: 'asc' } }),
    ).toEqual([approved, voided]);
    await expect(
      prisma.simulatedProcessorAuthorization.create({
        data: { idempotencyKey: 'attempt-1', outcome: 'DECLINED' },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });
});
