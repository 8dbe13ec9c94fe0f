import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startPaymentServer } from './support/payment-server.js';

type Server = Awaited<ReturnType<typeof startPaymentServer>>;

describe('Refund over gRPC', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPaymentServer({ CARD_PROCESSOR_LATENCY_MS: '0' });
  }, 60_000);
  afterAll(async () => server.stop());

  async function authorized(cardToken = 'tok_visa'): Promise<string> {
    const request = {
      idempotencyKey: randomUUID(),
      orderId: randomUUID(),
      learnerId: 'learner-1',
      amount: { amountMinor: 1500, currencyCode: 'EUR' },
      cardToken,
    };
    const payment = await server.client
      .call('authorize', request)
      .catch(() =>
        server.client.call('getPayment', { authorizeIdempotencyKey: request.idempotencyKey }),
      );
    return String(payment.paymentId);
  }
  const refund = (paymentId: string, idempotencyKey: string = randomUUID()) =>
    server.client.call('refund', {
      idempotencyKey,
      paymentId,
      reason: 'REFUND_REASON_COURSE_FULL',
    });

  it('refunds an authorized payment in full: its status becomes REFUNDED', async () => {
    const paymentId = await authorized();
    await expect(refund(paymentId)).resolves.toMatchObject({
      paymentId,
      status: 'PAYMENT_STATUS_REFUNDED',
    });
    await expect(server.client.call('getPayment', { paymentId })).resolves.toMatchObject({
      status: 'PAYMENT_STATUS_REFUNDED',
    });
    const refunds = await server.prisma.refund.findMany({ where: { paymentId } });
    expect(refunds).toMatchObject([{ amountMinor: 1500, status: 'SUCCEEDED' }]);
  });

  it('answers a retried refund key with the same refund, recorded once, even when concurrent', async () => {
    const paymentId = await authorized();
    const key = randomUUID();
    const answers = await Promise.all([
      refund(paymentId, key),
      refund(paymentId, key),
      refund(paymentId, key),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(3).fill('PAYMENT_STATUS_REFUNDED'));
    await expect(refund(paymentId, key)).resolves.toMatchObject({
      status: 'PAYMENT_STATUS_REFUNDED',
    });
    expect(await server.prisma.refund.count({ where: { paymentId } })).toBe(1);
  });

  it('refuses a second refund under another key with FAILED_PRECONDITION', async () => {
    const paymentId = await authorized();
    await refund(paymentId);
    expect((await failureOf(refund(paymentId))).code).toBe(status.FAILED_PRECONDITION);
  });

  it('refuses to refund a declined payment with FAILED_PRECONDITION', async () => {
    const paymentId = await authorized('tok_declined');
    expect((await failureOf(refund(paymentId))).code).toBe(status.FAILED_PRECONDITION);
  });

  it('answers NOT_FOUND for an unknown payment and INVALID_ARGUMENT for a refund key reused on another payment', async () => {
    expect((await failureOf(refund(randomUUID()))).code).toBe(status.NOT_FOUND);
    const key = randomUUID();
    await refund(await authorized(), key);
    expect((await failureOf(refund(await authorized(), key))).code).toBe(status.INVALID_ARGUMENT);
  });
});
