import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { PaymentDeclineTrailers } from '@shop/contracts';
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

describe('Authorize over gRPC, against the simulated card processor', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPaymentServer({
      CARD_PROCESSOR_LATENCY_MS: '20',
      CARD_PROCESSOR_SLOW_MS: '3000',
    });
  }, 60_000);
  afterAll(async () => server.stop());

  it('authorizes a good card, keeping only its last four digits', async () => {
    const request = authorizeRequest();
    const payment = await server.client.call('authorize', request);
    expect(payment).toMatchObject({
      orderId: request.orderId,
      learnerId: 'learner-7',
      amount: { amountMinor: 4900, currencyCode: 'EUR' },
      status: 'PAYMENT_STATUS_AUTHORIZED',
      declineReason: 'DECLINE_REASON_UNSPECIFIED',
    });
    const stored = await server.prisma.payment.findUniqueOrThrow({
      where: { idempotencyKey: request.idempotencyKey },
    });
    expect(stored.cardLast4).toBe('4242');
    expect(JSON.stringify(stored)).not.toContain('tok_visa');
  });

  it.each([
    ['tok_declined', 'DECLINE_REASON_PROCESSOR_DECLINED'],
    ['tok_insufficient_funds', 'DECLINE_REASON_INSUFFICIENT_FUNDS'],
    ['tok_expired_card', 'DECLINE_REASON_CARD_EXPIRED'],
    ['tok_fraudulent', 'DECLINE_REASON_SUSPECTED_FRAUD'],
  ])('declines %s with FAILED_PRECONDITION and trailers naming %s', async (cardToken, reason) => {
    const request = authorizeRequest({ cardToken });
    const error = await failureOf(server.client.call('authorize', request));
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.metadata.get(PaymentDeclineTrailers.reason)).toEqual([reason]);
    const paymentId = error.metadata.get(PaymentDeclineTrailers.paymentId)[0];
    const recorded = await server.client.call('getPayment', {
      authorizeIdempotencyKey: request.idempotencyKey,
    });
    expect(recorded).toMatchObject({
      paymentId,
      status: 'PAYMENT_STATUS_DECLINED',
      declineReason: reason,
    });
  });

  it('answers a retried key with the first outcome and charges once', async () => {
    const request = authorizeRequest();
    const first = await server.client.call('authorize', request);
    const again = await server.client.call('authorize', request);
    expect(again).toEqual(first);
    expect(await server.prisma.payment.count({ where: { orderId: request.orderId } })).toBe(1);
  });

  it('replays a decline as the same decline of the same payment', async () => {
    const request = authorizeRequest({ cardToken: 'tok_insufficient_funds' });
    const first = await failureOf(server.client.call('authorize', request));
    const again = await failureOf(server.client.call('authorize', request));
    expect(again.code).toBe(status.FAILED_PRECONDITION);
    // Every trailer of the decline, except the transport's own `date`.
    const { date: _firstDate, ...declined } = first.metadata.getMap();
    expect(again.metadata.getMap()).toMatchObject(declined);
    expect(declined).toHaveProperty([PaymentDeclineTrailers.reason]);
  });

  it('lets one of many concurrent calls with the same key charge; the others get its outcome or ABORTED', async () => {
    const request = authorizeRequest();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => server.client.call('authorize', request)),
    );
    const payments = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.paymentId] : []));
    const errors = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as { code: status }).code] : [],
    );
    expect(payments.length).toBeGreaterThanOrEqual(1);
    expect(new Set(payments).size).toBe(1);
    expect(errors.every((code) => code === status.ABORTED)).toBe(true);
    expect(await server.prisma.payment.count({ where: { orderId: request.orderId } })).toBe(1);
  });

  it('refuses the same key with a different request as INVALID_ARGUMENT', async () => {
    const request = authorizeRequest();
    await server.client.call('authorize', request);
    const error = await failureOf(
      server.client.call('authorize', {
        ...request,
        amount: { amountMinor: 1, currencyCode: 'EUR' },
      }),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });

  it('stops at the caller deadline with DEADLINE_EXCEEDED, and GetPayment then says nothing was charged', async () => {
    const request = authorizeRequest({ cardToken: 'tok_slow' });
    const error = await failureOf(server.client.call('authorize', request, 300));
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    // While payment finishes stopping, GetPayment may answer ABORTED ("still in progress").
    await expect
      .poll(
        async () =>
          (
            await failureOf(
              server.client.call('getPayment', { authorizeIdempotencyKey: request.idempotencyKey }),
            )
          ).code,
        { timeout: 30_000 },
      )
      .toBe(status.NOT_FOUND);
    expect(await server.prisma.payment.count({ where: { orderId: request.orderId } })).toBe(0);
  });

  it('answers UNAVAILABLE when the processor is down, charging nothing and freeing the key', async () => {
    const request = authorizeRequest({ cardToken: 'tok_processor_down' });
    expect((await failureOf(server.client.call('authorize', request))).code).toBe(
      status.UNAVAILABLE,
    );
    const lookup = failureOf(
      server.client.call('getPayment', { authorizeIdempotencyKey: request.idempotencyKey }),
    );
    expect((await lookup).code).toBe(status.NOT_FOUND);
  });

  it('refuses a card number where a token belongs, without echoing it', async () => {
    const error = await failureOf(
      server.client.call('authorize', authorizeRequest({ cardToken: '4242424242424242' })),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).not.toContain('4242424242424242');
  });
});
