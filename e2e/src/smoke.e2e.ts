import * as grpc from '@grpc/grpc-js';
import { loadPaymentV1Service } from '@shop/contracts';
import { developmentPaymentTokens } from '@shop/identity/testing';
import { describe, expect, inject, it } from 'vitest';

const { ports } = inject('stack');

const apps = {
  checkout: ports.CHECKOUT_PORT,
  payment: ports.PAYMENT_PORT,
  enrollment: ports.ENROLLMENT_PORT,
  notification: ports.NOTIFICATION_PORT,
  analytics: ports.ANALYTICS_PORT,
  bff: ports.BFF_PORT,
};

describe('the local stack', () => {
  it.each(Object.entries(apps))('has %s live and ready', async (_name, port) => {
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(live.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok' });
  });

  it('answers a REST round trip on checkout: the course catalog from its database', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.CHECKOUT_PORT}/v1/courses?limit=2`, {
      headers: { 'x-correlation-id': 'e2e-smoke-1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('e2e-smoke-1');
    const page = (await res.json()) as {
      items: { id: string; title: string }[];
      nextCursor: string | null;
    };
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const one = await fetch(
      `http://127.0.0.1:${ports.CHECKOUT_PORT}/v1/courses/${page.items[0]!.id}`,
    );
    expect(await one.json()).toMatchObject({ id: page.items[0]!.id, title: page.items[0]!.title });
  });

  it('answers a gRPC round trip on payment, as checkout: an unknown payment is NOT_FOUND across the wire', async () => {
    const metadata = new grpc.Metadata();
    const { token } = await developmentPaymentTokens().issue('checkout');
    metadata.set('authorization', `Bearer ${token}`);
    expect((await unknownPayment(metadata)).code).toBe(grpc.status.NOT_FOUND);
  });

  it('refuses a gRPC caller without checkout’s token as UNAUTHENTICATED', async () => {
    expect((await unknownPayment(new grpc.Metadata())).code).toBe(grpc.status.UNAUTHENTICATED);
  });
});

async function unknownPayment(metadata: grpc.Metadata): Promise<grpc.ServiceError> {
  const client = paymentClient(`127.0.0.1:${ports.PAYMENT_GRPC_PORT}`);
  try {
    return await new Promise<grpc.ServiceError>((resolve, reject) => {
      client.getPayment(
        { paymentId: '00000000-0000-4000-8000-000000000000' },
        metadata,
        { deadline: Date.now() + 20_000 },
        (err: grpc.ServiceError | null) => {
          if (err) resolve(err);
          else reject(new Error('expected an error, got a payment'));
        },
      );
    });
  } finally {
    client.close();
  }
}

interface PaymentClient extends grpc.Client {
  getPayment: (
    request: object,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null) => void,
  ) => void;
}

function paymentClient(address: string): PaymentClient {
  const PaymentService = loadPaymentV1Service();
  return new PaymentService(address, grpc.credentials.createInsecure()) as unknown as PaymentClient;
}
