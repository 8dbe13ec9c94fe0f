import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { loadPaymentV1Service, paymentV1 } from '@shop/contracts';
import { developmentPaymentTokens } from '@shop/identity/testing';
import { createPrismaClient } from '@shop/database';
import { createMigratedDatabase } from '@shop/database/testing';
import { findFreePort } from '@shop/local-postgres';
import { startTestPostgres, type TestPostgres } from '@shop/local-postgres/testing';
import { startServiceApp } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { paymentConfigSchema } from '../src/config.js';
import { PrismaClient } from '../src/generated/prisma/client.js';

const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

describe('shop.payment.v1.PaymentService over gRPC', () => {
  let postgres: TestPostgres;
  let prisma: PrismaClient;
  let app: NestFastifyApplication;
  let client: grpc.Client;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    const { url } = await createMigratedDatabase(postgres, 'payment', migrationsDir);
    prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
    const grpcPort = await findFreePort();
    const config = loadConfig('payment', paymentConfigSchema, {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(grpcPort),
    });
    app = await startServiceApp(AppModule.forRoot(config));
    client = paymentClient(`127.0.0.1:${grpcPort}`);
  }, 60_000);
  afterAll(async () => {
    client.close();
    await app.close();
    await prisma.$disconnect();
    await postgres.stop();
  });

  it('tells a caller about a payment, by id and by the idempotency key of its Authorize', async () => {
    const stored = await prisma.payment.create({
      data: {
        idempotencyKey: 'order-7-attempt-1',
        orderId: '3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
        amountMinor: 4900,
        currency: 'EUR',
        status: 'DECLINED',
        declineReason: 'INSUFFICIENT_FUNDS',
        cardLast4: '0002',
      },
    });
    const byId = await getPayment(client, { paymentId: stored.id });
    const byKey = await getPayment(client, { authorizeIdempotencyKey: 'order-7-attempt-1' });
    expect(byKey).toEqual(byId);
    expect(byId).toMatchObject({
      paymentId: stored.id,
      orderId: stored.orderId,
      amount: { amountMinor: 4900, currencyCode: 'EUR' },
      status: 'PAYMENT_STATUS_DECLINED',
      declineReason: 'DECLINE_REASON_INSUFFICIENT_FUNDS',
    });
  });

  it('answers NOT_FOUND for a payment that does not exist', async () => {
    await expect(
      getPayment(client, { paymentId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
  });

  it('lists every documented test card with what the processor does with it', async () => {
    const method = (client as unknown as Record<string, Unary>).listTestCards!;
    const { cards } = (await call(method.bind(client), {})) as { cards: object[] };
    expect(cards).toHaveLength(8);
    expect(cards[0]).toMatchObject({
      token: 'tok_visa',
      brand: 'visa',
      last4: '4242',
      behaviour: 'TEST_CARD_BEHAVIOUR_APPROVE',
      declineReason: 'DECLINE_REASON_UNSPECIFIED',
    });
    expect(cards).toContainEqual(
      expect.objectContaining({
        token: 'tok_fraudulent',
        behaviour: 'TEST_CARD_BEHAVIOUR_DECLINE',
        declineReason: 'DECLINE_REASON_SUSPECTED_FRAUD',
      }),
    );
    expect(cards).toContainEqual(
      expect.objectContaining({ token: 'tok_processor_down', last4: '' }),
    );
  });

  it('answers INVALID_ARGUMENT for a malformed lookup', async () => {
    await expect(getPayment(client, { paymentId: 'pay_123' })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
  });
});

type Unary = (
  req: object,
  meta: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: grpc.ServiceError | null, res?: unknown) => void,
) => void;

// The harness runs on the development defaults: sign in as checkout with that edge's key.
async function call(method: Unary, request: object): Promise<unknown> {
  const metadata = new grpc.Metadata();
  metadata.set(
    'authorization',
    `Bearer ${(await developmentPaymentTokens().issue('checkout')).token}`,
  );
  return new Promise((resolve, reject) => {
    method(request, metadata, { deadline: Date.now() + 30_000 }, (error, response) => {
      if (error) reject(error);
      else resolve(response);
    });
  });
}

async function getPayment(client: grpc.Client, request: paymentV1.GetPaymentRequest) {
  const method = (client as unknown as Record<string, Unary>).getPayment!;
  const response = (await call(method.bind(client), request)) as { payment: object };
  return response.payment;
}

function paymentClient(address: string): grpc.Client {
  // Enum names as strings make the assertions read like the contract.
  const PaymentService = loadPaymentV1Service({ enums: String });
  return new PaymentService(address, grpc.credentials.createInsecure());
}
