// Builds checkout's database from the committed migrations alone, then round-trips
// every model through the generated Prisma Client: schema.prisma and the SQL
// cannot drift apart without this file failing.
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@shop/database';
import { createMigratedDatabase, prismaHistoryProblems } from '@shop/database/testing';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../src/generated/prisma/client.js';

const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
const at = (iso: string) => new Date(iso);

let server: TestPostgres;
let url: string;
let prisma: PrismaClient;

beforeAll(async () => {
  server = await startTestPostgres();
  ({ url } = await createMigratedDatabase(server, 'checkout', migrationsDir));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
}, 60_000); // initdb takes seconds on a busy machine
afterAll(async () => {
  await prisma.$disconnect();
  await server.stop();
});

describe('checkout database', () => {
  it('records the migrations in _prisma_migrations exactly as prisma migrate deploy would', async () => {
    expect(await prismaHistoryProblems(url, migrationsDir)).toEqual([]);
  });

  it('round-trips a course, an order with its lines and its whole status history', async () => {
    const course = await prisma.course.create({
      data: {
        slug: 'ddd-101',
        title: 'Domain-Driven Design',
        priceMinor: 4900,
        currency: 'EUR',
        capacityHint: 30,
      },
    });
    const order = await prisma.order.create({
      data: {
        learnerId: '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20',
        totalMinor: 4900,
        currency: 'EUR',
        idempotencyKey: 'order-key-1',
        paymentId: '5d0c8a1e-2b3f-4c6d-8e9f-0a1b2c3d4e5f',
        refundId: '7e1d9b2f-3c4a-4d5e-8f60-1a2b3c4d5e6f',
        lines: { create: [{ courseId: course.id, priceMinor: 4900, currency: 'EUR' }] },
        statusChanges: {
          create: [
            { toStatus: 'PENDING_PAYMENT', reason: 'placed', at: at('2026-01-01T10:00:00.001Z') },
            {
              fromStatus: 'PENDING_PAYMENT',
              toStatus: 'PAID',
              reason: 'authorized',
              at: at('2026-01-01T10:00:00.002Z'),
            },
            {
              fromStatus: 'PAID',
              toStatus: 'ENROLLING',
              reason: 'seat requested',
              at: at('2026-01-01T10:00:00.003Z'),
            },
            {
              fromStatus: 'ENROLLING',
              toStatus: 'COMPLETED',
              reason: 'seat granted',
              at: at('2026-01-01T10:00:00.004Z'),
            },
            {
              fromStatus: 'COMPLETED',
              toStatus: 'CANCELLED',
              reason: 'course full',
              at: at('2026-01-01T10:00:00.005Z'),
            },
          ],
        },
      },
    });

    const read = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { lines: { include: { course: true } }, statusChanges: { orderBy: { at: 'asc' } } },
    });

    expect(read).toEqual({
      ...order,
      lines: [
        expect.objectContaining({
          orderId: order.id,
          courseId: course.id,
          priceMinor: 4900,
          currency: 'EUR',
          course,
        }),
      ],
      statusChanges: read.statusChanges,
    });
    expect(read.status).toBe('PENDING_PAYMENT');
    expect(read.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      read.statusChanges.map((change) => [
        change.fromStatus,
        change.toStatus,
        change.at.toISOString(),
      ]),
    ).toEqual([
      [null, 'PENDING_PAYMENT', '2026-01-01T10:00:00.001Z'],
      ['PENDING_PAYMENT', 'PAID', '2026-01-01T10:00:00.002Z'],
      ['PAID', 'ENROLLING', '2026-01-01T10:00:00.003Z'],
      ['ENROLLING', 'COMPLETED', '2026-01-01T10:00:00.004Z'],
      ['COMPLETED', 'CANCELLED', '2026-01-01T10:00:00.005Z'],
    ]);
    await expect(
      prisma.orderLine.create({
        data: { orderId: order.id, courseId: course.id, priceMinor: 1, currency: 'EUR' },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    await expect(
      prisma.course.create({ data: { ...course, id: undefined } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma.order.findUnique({ where: { idempotencyKey: 'order-key-1' } })).toEqual(
      order,
    );
    await expect(
      prisma.order.create({
        data: {
          learnerId: order.learnerId,
          totalMinor: 1,
          currency: 'EUR',
          idempotencyKey: 'order-key-1',
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('round-trips inbox message ids, unique per message', async () => {
    const received = await prisma.inboxMessage.create({
      data: { messageId: 'evt-1', receivedAt: at('2026-01-01T10:00:00.007Z') },
    });
    expect(await prisma.inboxMessage.findUniqueOrThrow({ where: { messageId: 'evt-1' } })).toEqual(
      received,
    );
    await expect(
      prisma.inboxMessage.create({ data: { messageId: 'evt-1' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('round-trips an idempotency key from in-flight to completed, unique per scope', async () => {
    const data = {
      scope: 'POST /v1/orders',
      key: 'k-1',
      requestFingerprint: 'sha256:abc',
      expiresAt: at('2026-01-02T00:00:00.123Z'),
      leaseExpiresAt: at('2026-01-01T00:00:10.123Z'),
    };
    const created = await prisma.idempotencyKey.create({ data });
    expect(created).toMatchObject({
      ...data,
      state: 'IN_FLIGHT',
      responseStatus: null,
      responseBody: null,
      responseHeaders: null,
    });

    const completed = await prisma.idempotencyKey.update({
      where: { scope_key: { scope: data.scope, key: data.key } },
      data: {
        state: 'COMPLETED',
        responseStatus: 201,
        responseBody: '{"orderId":"o-1"}\n',
        responseHeaders: { 'content-type': 'application/json', location: '/v1/orders/o-1' },
      },
    });
    expect(await prisma.idempotencyKey.findUniqueOrThrow({ where: { id: created.id } })).toEqual(
      completed,
    );
    await expect(prisma.idempotencyKey.create({ data })).rejects.toMatchObject({ code: 'P2002' });
    await prisma.idempotencyKey.create({ data: { ...data, scope: 'POST /v1/other' } });
  });

  it('round-trips outbox messages with JSON payloads and finds the unsent ones due now', async () => {
    const message = await prisma.outboxMessage.create({
      data: {
        aggregateType: 'order',
        aggregateId: 'o-1',
        destination: 'KAFKA',
        topic: 'order.completed.v1',
        messageKey: 'o-1',
        headers: { 'ce-type': 'com.shop.order.completed.v1' },
        payload: { orderId: 'o-1', lines: [{ courseId: 'c-1', priceMinor: 4900 }], note: null },
        traceContext: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      },
    });
    const amqp = await prisma.outboxMessage.create({
      data: {
        aggregateType: 'order',
        aggregateId: 'o-2',
        destination: 'AMQP',
        exchange: 'enrollment.commands',
        routingKey: 'enrollment.grant-seat',
        payload: [1, 'two'],
      },
    });

    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toEqual(
      message,
    );
    expect(amqp).toMatchObject({
      topic: null,
      headers: {},
      attempts: 0,
      sentAt: null,
      messageKey: null,
      payload: [1, 'two'],
      traceContext: null,
    });
    await prisma.outboxMessage.update({
      where: { id: amqp.id },
      data: { sentAt: new Date(), attempts: { increment: 1 } },
    });
    const due = await prisma.outboxMessage.findMany({
      where: { sentAt: null, nextAttemptAt: { lte: new Date() } },
    });
    expect(due.map((row) => row.id)).toEqual([message.id]);
  });

  it('refuses an outbox row whose destination columns do not match its transport', async () => {
    const insert = (destination: string, topic: string | null, exchange: string | null) =>
      prisma.$executeRawUnsafe(
        `INSERT INTO outbox_messages (aggregate_type, aggregate_id, destination, topic, exchange, payload)
         VALUES ('order', 'o-3', $1::outbox_destination, $2, $3, '{}')`,
        destination,
        topic,
        exchange,
      );
    // An AMQP row with only a topic: the routing key must not hide in it any more.
    await expect(insert('AMQP', 'enrollment.grant-seat', null)).rejects.toThrow(
      /outbox_messages_destination_check/,
    );
    await expect(insert('KAFKA', null, 'enrollment.commands')).rejects.toThrow(
      /outbox_messages_destination_check/,
    );
  });
});
