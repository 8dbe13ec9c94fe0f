import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { paymentEdge, SignedTokens, type SignedTokenSettings } from '@shop/identity';
import { developmentPaymentTokens } from '@shop/identity/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startPaymentServer } from './support/payment-server.js';

type Server = Awaited<ReturnType<typeof startPaymentServer>>;

const SECRET = 'a-checkout-to-payment-secret-of-32-characters';
const signed = (override: Partial<SignedTokenSettings> = {}, subject = 'checkout') =>
  new SignedTokens({ secret: SECRET, ...paymentEdge, ...override }).issue(subject);

describe('payment answers checkout only', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPaymentServer({
      CARD_PROCESSOR_LATENCY_MS: '0',
      PAYMENT_TOKEN_SECRET: SECRET,
    });
  }, 60_000);
  afterAll(async () => server.stop());

  const asCheckout = async () => `Bearer ${(await signed()).token}`;

  async function authorizedPayment(): Promise<string> {
    const payment = await server.client.callAs(await asCheckout(), 'authorize', {
      idempotencyKey: randomUUID(),
      orderId: randomUUID(),
      learnerId: 'learner-1',
      amount: { amountMinor: 4900, currencyCode: 'EUR' },
      cardToken: 'tok_visa',
    });
    return String(payment.paymentId);
  }

  const refundAs = (authorization: string | undefined, paymentId: string) =>
    server.client.callAs(authorization, 'refund', {
      idempotencyKey: randomUUID(),
      paymentId,
      reason: 'REFUND_REASON_COURSE_FULL',
    });

  it.each([
    ['no token (anyone who reads a payment id from an order)', () => Promise.resolve(undefined)],
    [
      'a token signed with another key',
      async () =>
        `Bearer ${(await signed({ secret: 'another-secret-of-at-least-32-characters' })).token}`,
    ],
    [
      'the development key while payment has its own',
      async () => `Bearer ${(await developmentPaymentTokens().issue('checkout')).token}`,
    ],
    [
      'a token for another audience',
      async () => `Bearer ${(await signed({ audience: 'course-shop-checkout-subgraph' })).token}`,
    ],
    ['an expired token', async () => `Bearer ${(await signed({ ttlSeconds: -120 })).token}`],
    ['something that is not a bearer token', () => Promise.resolve('Basic Y2hlY2tvdXQ6cGF5')],
  ])(
    'refuses a Refund with %s as UNAUTHENTICATED, refunding nothing',
    async (_case, authorization) => {
      const paymentId = await authorizedPayment();

      const refused = await failureOf(refundAs(await authorization(), paymentId));

      expect(refused.code).toBe(status.UNAUTHENTICATED);
      await expect(
        server.client.callAs(await asCheckout(), 'getPayment', { paymentId }),
      ).resolves.toMatchObject({ status: 'PAYMENT_STATUS_AUTHORIZED' });
      expect(await server.prisma.refund.count({ where: { paymentId } })).toBe(0);
    },
  );

  it('refuses a caller other than checkout, even with the edge’s key, as PERMISSION_DENIED', async () => {
    const paymentId = await authorizedPayment();
    const impostor = `Bearer ${(await signed({}, 'bff')).token}`;

    const refused = await failureOf(refundAs(impostor, paymentId));

    expect(refused.code).toBe(status.PERMISSION_DENIED);
    expect(await server.prisma.refund.count({ where: { paymentId } })).toBe(0);
  });

  it('refunds for checkout’s token', async () => {
    const paymentId = await authorizedPayment();
    await expect(refundAs(await asCheckout(), paymentId)).resolves.toMatchObject({
      status: 'PAYMENT_STATUS_REFUNDED',
    });
  });
});
