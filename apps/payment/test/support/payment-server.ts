import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { loadConfig } from '@shop/config';
import { loadPaymentV1Service } from '@shop/contracts';
import { paymentEdge, SignedTokens } from '@shop/identity';
import { createPrismaClient } from '@shop/database';
import { createMigratedDatabase } from '@shop/database/testing';
import { findFreePort } from '@shop/local-postgres';
import { startTestPostgres } from '@shop/local-postgres/testing';
import { startServiceApp } from '@shop/platform';
import { AppModule } from '../../src/app.module.js';
import { paymentConfigSchema } from '../../src/config.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';

const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** The real payment service on 127.0.0.1 over a fresh database, plus a raw gRPC client. */
export async function startPaymentServer(env: Record<string, string> = {}) {
  const postgres = await startTestPostgres();
  const { url } = await createMigratedDatabase(postgres, 'payment', migrationsDir);
  const server = await startPaymentApp(url, env);
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await postgres.stop();
    },
  };
}

/** The real payment service in this process over an existing database (a restart after a crash). */
export async function startPaymentApp(url: string, env: Record<string, string> = {}) {
  const prisma = createPrismaClient(PrismaClient, { databaseUrl: url, poolSize: 2 });
  const grpcPort = await findFreePort();
  const address = `127.0.0.1:${grpcPort}`;
  const config = loadConfig('payment', paymentConfigSchema, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: String(grpcPort),
    ...env,
  });
  const app = await startServiceApp(AppModule.forRoot(config));
  // Calls as checkout does, with a token signed for the checkout → payment edge.
  const asCheckout = new SignedTokens({ secret: config.PAYMENT_TOKEN_SECRET, ...paymentEdge });
  const client = new PaymentTestClient(address, async () => {
    return `Bearer ${(await asCheckout.issue('checkout')).token}`;
  });
  return {
    prisma,
    client,
    app,
    stop: async () => {
      client.close();
      await app.close();
      await prisma.$disconnect();
    },
  };
}

/** A fresh, migrated payment database, for tests that start payment more than once over it. */
export async function startPaymentDatabase() {
  const postgres = await startTestPostgres();
  const { url } = await createMigratedDatabase(postgres, 'payment', migrationsDir);
  return { postgres, url };
}

type Unary = (
  request: object,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (
    error: grpc.ServiceError | null,
    response?: { payment: Record<string, unknown> },
  ) => void,
) => void;

type Method = 'authorize' | 'refund' | 'getPayment';

/**
 * A plain grpc-js client; enum names as strings make assertions read like the
 * contract. `call` signs in as checkout; `callAs` sends the authorization given.
 */
export class PaymentTestClient {
  private readonly client: grpc.Client;

  constructor(
    address: string,
    private readonly checkoutAuthorization: () => Promise<string>,
  ) {
    const PaymentService = loadPaymentV1Service({ enums: String });
    this.client = new PaymentService(address, grpc.credentials.createInsecure());
  }

  // Deadlines are generous: a loaded 2-core CI machine must not turn a slow answer into a failure.
  async call(method: Method, request: object, timeoutMs = 30_000) {
    return this.callAs(await this.checkoutAuthorization(), method, request, timeoutMs);
  }

  callAs(authorization: string | undefined, method: Method, request: object, timeoutMs = 30_000) {
    const unary = (this.client as unknown as Record<string, Unary>)[method]!.bind(this.client);
    const metadata = new grpc.Metadata();
    if (authorization !== undefined) metadata.set('authorization', authorization);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      unary(request, metadata, { deadline: Date.now() + timeoutMs }, (error, response) => {
        if (error) reject(error);
        else resolve(response!.payment);
      });
    });
  }

  /** A call whose request is these bytes as sent, protobuf or not (`method` as the proto names it). */
  async callRaw(method: string, request: Buffer, timeoutMs = 30_000): Promise<Buffer> {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', await this.checkoutAuthorization());
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        `/shop.payment.v1.PaymentService/${method}`,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        request,
        metadata,
        { deadline: Date.now() + timeoutMs },
        (error, response) => {
          if (error) reject(error);
          else resolve(response!);
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }
}

/** The error of a call expected to fail, with its status and trailers. */
export async function failureOf(call: Promise<unknown>): Promise<grpc.ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as grpc.ServiceError;
  }
  throw new Error('the call succeeded');
}
