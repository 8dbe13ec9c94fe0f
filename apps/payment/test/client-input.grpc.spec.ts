import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startPaymentServer } from './support/payment-server.js';

type Server = Awaited<ReturnType<typeof startPaymentServer>>;

const authorizeRequest = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  orderId: randomUUID(),
  learnerId: 'learner-7',
  amount: { amountMinor: 4900, currencyCode: 'EUR' },
  cardToken: 'tok_visa',
  ...overrides,
});

describe('client input the database would refuse, over gRPC', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPaymentServer();
  }, 120_000);
  afterAll(async () => server.stop());

  it.each([
    [
      'an amount above the INTEGER column',
      { amount: { amountMinor: 2 ** 31, currencyCode: 'EUR' } },
    ],
    ['a NUL byte in learner_id', { learnerId: 'learner\u00007' }],
    ['a NUL byte in idempotency_key', { idempotencyKey: `key\u0000${randomUUID()}` }],
    ['an unknown currency', { amount: { amountMinor: 4900, currencyCode: 'ZZZ' } }],
  ])('answers Authorize with %s INVALID_ARGUMENT, storing nothing', async (_case, overrides) => {
    const request = authorizeRequest(overrides);
    const error = await failureOf(server.client.call('authorize', request));

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(await server.prisma.payment.count({ where: { orderId: request.orderId } })).toBe(0);
  });

  it('answers Refund with a NUL byte in idempotency_key INVALID_ARGUMENT', async () => {
    const error = await failureOf(
      server.client.call('refund', {
        idempotencyKey: 'refund\u0000key',
        paymentId: randomUUID(),
        reason: 'REFUND_REASON_COURSE_FULL',
      }),
    );

    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });

  it.each([0, 99, -1])('answers Refund with the reason %i INVALID_ARGUMENT', async (reason) => {
    const error = await failureOf(
      server.client.call('refund', {
        idempotencyKey: randomUUID(),
        paymentId: randomUUID(),
        reason,
      }),
    );

    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });

  it('answers bytes that are not protobuf with INVALID_ARGUMENT', async () => {
    const error = await failureOf(server.client.callRaw('Authorize', Buffer.from([0xff, 0xff])));

    expect([error.code, error.details]).toEqual([
      status.INVALID_ARGUMENT,
      expect.stringMatching(/^the request is not protobuf/),
    ]);
  });

  it('answers GetPayment with a NUL byte in authorize_idempotency_key INVALID_ARGUMENT', async () => {
    const error = await failureOf(
      server.client.call('getPayment', { authorizeIdempotencyKey: 'key\u0000' }),
    );

    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });
});
