// Builds enrollment's database from the committed migrations alone, then round-trips
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
  ({ url } = await createMigratedDatabase(server, 'enrollment', migrationsDir));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
}, 60_000); // initdb takes seconds on a busy machine
afterAll(async () => {
  await prisma.$disconnect();
  await server.stop();
});

describe('enrollment database', () => {
  it('records the migrations in _prisma_migrations exactly as prisma migrate deploy would', async () => {
    expect(await prismaHistoryProblems(url, migrationsDir)).toEqual([]);
  });

  it('round-trips course seats and enrollments, one per order and course', async () => {
    const courseId = '3c2b1a09-f8e7-4d6c-8b5a-493827161504';
    const seats = await prisma.courseSeats.create({ data: { courseId, capacity: 2 } });
    expect(seats).toMatchObject({ courseId, capacity: 2, taken: 0 });
    const enrollment = await prisma.enrollment.create({
      data: {
        orderId: '4d3c2b1a-0f9e-4d8c-9b7a-6f5e4d3c2b1a',
        learnerId: '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b',
        courseId,
      },
    });
    const taken = await prisma.courseSeats.update({
      where: { courseId },
      data: { taken: { increment: 1 } },
    });

    expect(
      await prisma.courseSeats.findUniqueOrThrow({
        where: { courseId },
        include: { enrollments: true },
      }),
    ).toEqual({
      ...taken,
      enrollments: [enrollment],
    });
    expect(taken.taken).toBe(1);
    await expect(
      prisma.enrollment.create({
        data: { orderId: enrollment.orderId, learnerId: enrollment.learnerId, courseId },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await expect(
      prisma.enrollment.create({
        data: {
          orderId: enrollment.orderId,
          learnerId: enrollment.learnerId,
          courseId: '00000000-0000-4000-8000-000000000000',
        },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });
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

  it('round-trips a cancelled grant and refuses a second one for the same order', async () => {
    const data = {
      orderId: '6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c',
      learnerId: '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b',
      commandId: 'cancel-grant-6f5e4d3c',
      released: 1,
    };
    const cancelled = await prisma.cancelledGrant.create({ data });
    expect(
      await prisma.cancelledGrant.findUniqueOrThrow({ where: { orderId: data.orderId } }),
    ).toEqual(cancelled);
    expect(cancelled.cancelledAt).toBeInstanceOf(Date);
    await expect(prisma.cancelledGrant.create({ data })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('round-trips outbox messages with JSON headers and payloads', async () => {
    const message = await prisma.outboxMessage.create({
      data: {
        aggregateType: 'enrollment',
        aggregateId: 'o-1',
        destination: 'KAFKA',
        topic: 'enrollment.seat-granted.v1',
        messageKey: 'o-1',
        headers: { 'ce-type': 'com.shop.enrollment.seat-granted.v1' },
        payload: { orderId: 'o-1', courseIds: ['c-1'], granted: true },
        traceContext: {
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          tracestate: 'shop=1',
        },
        nextAttemptAt: new Date('2026-01-01T00:00:00.250Z'),
      },
    });
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toEqual(
      message,
    );
    expect(message).toMatchObject({
      attempts: 0,
      sentAt: null,
      traceContext: { tracestate: 'shop=1' },
    });
    expect(message.nextAttemptAt.toISOString()).toBe('2026-01-01T00:00:00.250Z');
  });
});
