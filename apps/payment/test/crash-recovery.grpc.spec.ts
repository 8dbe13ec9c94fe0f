// A payment process SIGKILLed between its PENDING claim and the card
// processor's decision, then a retry of the same key and the background
// sweep. The crash is a real one: the built service runs as a child process
// and is killed by PID once its claim is in the database (the marker).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { status } from '@grpc/grpc-js';
import { loadConfig } from '@shop/config';
import { createPrismaClient } from '@shop/database';
import { paymentEdge, SignedTokens } from '@shop/identity';
import { findFreePort } from '@shop/local-postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthorizeCommand } from '../src/payments/authorize/authorize.command.js';
import { paymentConfigSchema } from '../src/config.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { CardProcessor } from '../src/payments/card-processor/card-processor.js';
import {
  failureOf,
  PaymentTestClient,
  startPaymentApp,
  startPaymentDatabase,
} from './support/payment-server.js';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const HOUR_MS = '3600000';

const authorizeRequest = () => ({
  idempotencyKey: `crash-${randomUUID()}`,
  orderId: randomUUID(),
  learnerId: 'learner-crash',
  amount: { amountMinor: 4900, currencyCode: 'EUR' },
  cardToken: 'tok_visa',
});

let database: Awaited<ReturnType<typeof startPaymentDatabase>>;
let prisma: PrismaClient;
beforeAll(async () => {
  database = await startPaymentDatabase();
  prisma = createPrismaClient(PrismaClient, { databaseUrl: database.url, poolSize: 2 });
});
afterAll(async () => {
  await prisma.$disconnect();
  await database.postgres.stop();
});

/** The built payment service as its own process, whose card processor never decides. */
async function startDoomedPayment(): Promise<{ child: ChildProcess; client: PaymentTestClient }> {
  const [grpcPort, httpPort] = [await findFreePort(), await findFreePort()];
  const child = spawn(process.execPath, [mainJs], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      GRPC_PORT: String(grpcPort),
      HTTP_PORT: String(httpPort),
      CARD_PROCESSOR_LATENCY_MS: HOUR_MS,
      PAYMENT_RECOVERY_INTERVAL_MS: HOUR_MS,
    },
    stdio: 'ignore',
  });
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${httpPort}/health/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      {
        timeout: 90_000,
        interval: 200,
      },
    )
    .toBe(200);
  // The child runs on the development defaults, its token secret included.
  const { PAYMENT_TOKEN_SECRET: secret } = loadConfig('payment', paymentConfigSchema, {
    NODE_ENV: 'development',
  });
  const tokens = new SignedTokens({ secret, ...paymentEdge });
  const client = new PaymentTestClient(
    `127.0.0.1:${grpcPort}`,
    async () => `Bearer ${(await tokens.issue('checkout')).token}`,
  );
  return { child, client };
}

describe('When payment dies between its PENDING claim and the card decision', () => {
  let restarted: Awaited<ReturnType<typeof startPaymentApp>> | undefined;
  afterAll(async () => restarted?.stop());

  it('then a retry of the same key settles it with exactly one processor lookup, and charges once', async () => {
    const request = authorizeRequest();
    const doomed = await startDoomedPayment();
    const inFlight = failureOf(doomed.client.call('authorize', request, 600_000));
    const pending = () =>
      prisma.payment.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
    // The marker: the claim is committed, the processor is deciding (for an hour).
    await expect.poll(async () => (await pending())?.status, { timeout: 30_000 }).toBe('PENDING');
    const crashedId = (await pending())!.id;
    const exited = new Promise((resolve) => doomed.child.once('exit', resolve));
    doomed.child.kill('SIGKILL');
    await exited;
    expect((await inFlight).code).toBe(status.UNAVAILABLE);
    doomed.client.close();

    // The restart: a lease of 1 ms, so the retry finds the claim stale at once; no sweep.
    restarted = await startPaymentApp(database.url, {
      PAYMENT_PENDING_LEASE_MS: '1',
      PAYMENT_RECOVERY_INTERVAL_MS: HOUR_MS,
    });
    const processor = restarted.app.get(CardProcessor);
    const lookups = vi.spyOn(processor, 'resolve');
    const charges = vi.spyOn(processor, 'authorize');

    const payment = await restarted.client.call('authorize', request);
    expect(payment).toMatchObject({ status: 'PAYMENT_STATUS_AUTHORIZED' });
    expect(lookups.mock.calls).toEqual([[crashedId]]);
    // The crashed attempt was never decided (now voided): the retry is the one charge.
    expect(charges).toHaveBeenCalledTimes(1);
    const ledger = await prisma.simulatedProcessorAuthorization.findMany({
      where: { idempotencyKey: { in: [crashedId, String(payment.paymentId)] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(ledger.map((r) => r.outcome)).toEqual(['VOIDED', 'APPROVED']);

    // Asked again: the recorded outcome, no lookup and no charge.
    expect(await restarted.client.call('authorize', request)).toEqual(payment);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(charges).toHaveBeenCalledTimes(1);
    expect(await prisma.payment.count({ where: { idempotencyKey: request.idempotencyKey } })).toBe(
      1,
    );
  }, 180_000);
});

describe('When payment dies after the processor decided, before recording it', () => {
  let server: Awaited<ReturnType<typeof startPaymentApp>>;
  beforeAll(async () => {
    server = await startPaymentApp(database.url, {
      PAYMENT_PENDING_LEASE_MS: '1',
      PAYMENT_RECOVERY_INTERVAL_MS: HOUR_MS,
    });
  }, 60_000);
  afterAll(async () => server.stop());

  it('then a retry gets the decided outcome with one lookup and no new charge', async () => {
    // The state that crash leaves: the processor's record, and payment's claim still PENDING.
    const decided = authorizeRequest();
    const { claim } = AuthorizeCommand.from(decided);
    const pending = await prisma.payment.create({ data: { ...claim, status: 'PENDING' } });
    await prisma.simulatedProcessorAuthorization.create({
      data: { idempotencyKey: pending.id, outcome: 'APPROVED', cardLast4: '4242' },
    });
    const processor = server.app.get(CardProcessor);
    const lookups = vi.spyOn(processor, 'resolve');
    const charges = vi.spyOn(processor, 'authorize');

    const payment = await server.client.call('authorize', decided);
    expect(payment).toMatchObject({ paymentId: pending.id, status: 'PAYMENT_STATUS_AUTHORIZED' });
    expect(lookups.mock.calls).toEqual([[pending.id]]);
    expect(charges).not.toHaveBeenCalled();
  });
});

describe('When nobody retries a claim whose process died', () => {
  let server: Awaited<ReturnType<typeof startPaymentApp>>;
  beforeAll(async () => {
    server = await startPaymentApp(database.url, {
      PAYMENT_PENDING_LEASE_MS: '1',
      PAYMENT_RECOVERY_INTERVAL_MS: '50',
    });
  }, 60_000);
  afterAll(async () => server.stop());

  it('then the background sweep settles or releases it, and GetPayment answers for good', async () => {
    const charged = AuthorizeCommand.from(authorizeRequest()).claim;
    const neverDecided = AuthorizeCommand.from(authorizeRequest()).claim;
    // One transaction: the sweep runs every 50 ms and must never see the charged
    // claim without the processor's record of it (it would release the claim).
    await server.prisma.$transaction(async (tx) => {
      const chargedRow = await tx.payment.create({ data: { ...charged, status: 'PENDING' } });
      await tx.payment.create({ data: { ...neverDecided, status: 'PENDING' } });
      await tx.simulatedProcessorAuthorization.create({
        data: { idempotencyKey: chargedRow.id, outcome: 'APPROVED', cardLast4: '4242' },
      });
    });
    const lookup = (idempotencyKey: string) =>
      server.client.call('getPayment', { authorizeIdempotencyKey: idempotencyKey }).then(
        (p) => String(p.status),
        (error: unknown) => status[(error as { code: status }).code],
      );

    await expect
      .poll(() => lookup(charged.idempotencyKey), { timeout: 30_000 })
      .toBe('PAYMENT_STATUS_AUTHORIZED');
    await expect
      .poll(() => lookup(neverDecided.idempotencyKey), { timeout: 30_000 })
      .toBe('NOT_FOUND');
  });
});
