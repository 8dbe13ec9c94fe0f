import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { paymentV1, PaymentDeclineTrailers } from '@shop/contracts';
import { developmentPaymentTokens } from '@shop/identity/testing';
import { CallPolicy, type CallPolicyOptions } from '@shop/resilience';
import { withCorrelationId } from '@shop/tracing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentsGrpcAdapter } from '../src/payments/payments.grpc-adapter.js';
import { PaymentGrpcClient } from '../src/payments/payment.grpc-client.js';
import type { PaymentOrder } from '../src/payments/payments.port.js';
import { paymentOf, startScriptedPaymentServer, wait } from './support/scripted-payment.server.js';

type Server = Awaited<ReturnType<typeof startScriptedPaymentServer>>;

const order = (): PaymentOrder => ({
  orderId: randomUUID(),
  learnerId: 'learner-1',
  idempotencyKey: randomUUID(),
  amount: { amountMinor: 4900, currency: 'EUR' },
  cardToken: 'tok_visa',
});
const ok = () => Promise.resolve({ payment: paymentOf({}) });
const fail = (code: status) => () => Promise.resolve({ code });

describe('PaymentsGrpcAdapter against a scripted payment server over real gRPC', () => {
  let server: Server;
  let transport: PaymentGrpcClient;
  const clientWith = (options: Partial<CallPolicyOptions> = {}) =>
    new PaymentsGrpcAdapter(
      transport,
      new CallPolicy({ backoffInitialMs: 5, backoffMaxMs: 10, ...options }),
    );

  beforeEach(async () => {
    server = await startScriptedPaymentServer();
    transport = new PaymentGrpcClient(server.target, { tokens: developmentPaymentTokens() });
  });
  afterEach(async () => {
    transport.close();
    await server.stop();
  });

  it('signs in as checkout on every call: a token payment verifies (issuer checkout, audience payment)', async () => {
    server.script('authorize', ok);
    await clientWith().authorize(order());
    const [authorization] = server.calls.authorize[0]?.metadata.get('authorization') ?? [];
    const token = String(authorization).replace(/^Bearer /, '');
    await expect(developmentPaymentTokens().verify(token)).resolves.toBe('checkout');
  });

  it('retries UNAVAILABLE with the same idempotency key until payment answers', async () => {
    let n = 0;
    server.script('authorize', () => (n++ < 2 ? fail(status.UNAVAILABLE)() : ok()));
    await expect(clientWith().authorize(order())).resolves.toEqual({
      kind: 'authorized',
      paymentId: 'pay-1',
    });
    const keys = server.calls.authorize.map((call) => call.request.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('never retries a decline, and reports its reason from the trailers', async () => {
    server.script('authorize', () =>
      Promise.resolve({
        code: status.FAILED_PRECONDITION,
        trailers: {
          [PaymentDeclineTrailers.reason]: 'DECLINE_REASON_INSUFFICIENT_FUNDS',
          [PaymentDeclineTrailers.paymentId]: 'pay-9',
        },
      }),
    );
    await expect(clientWith().authorize(order())).resolves.toEqual({
      kind: 'declined',
      paymentId: 'pay-9',
      reason: 'DECLINE_REASON_INSUFFICIENT_FUNDS',
    });
    expect(server.calls.authorize).toHaveLength(1);
  });

  it('throws on INVALID_ARGUMENT after one call: a bug is not an outage', async () => {
    server.script('authorize', fail(status.INVALID_ARGUMENT));
    await expect(clientWith().authorize(order())).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
    expect(server.calls.authorize).toHaveLength(1);
  });

  it('keeps retries within the retry budget while payment keeps failing', async () => {
    server.script('authorize', fail(status.UNAVAILABLE));
    server.script('getPayment', fail(status.NOT_FOUND));
    const client = clientWith({
      maxRetries: 3,
      breakerConsecutiveFailures: 1_000,
      retryBudget: { ratio: 0.1, minRetriesPerWindow: 1, windowMs: 60_000 },
    });
    for (let i = 0; i < 10; i++) {
      await expect(client.authorize(order())).resolves.toMatchObject({
        kind: 'unavailable',
        reason: 'not-charged',
      });
    }
    // 10 calls + at most 1 + 10 % × (10 authorize + 10 getPayment calls) = 3 retries, not 30.
    expect(server.calls.authorize.length).toBeLessThanOrEqual(10 + 3);
  });

  it('opens the circuit when payment is down, fails fast, then half-opens and recovers when payment returns', async () => {
    server.script('authorize', fail(status.UNAVAILABLE));
    server.script('getPayment', fail(status.UNAVAILABLE));
    const client = clientWith({
      maxRetries: 0,
      breakerConsecutiveFailures: 3,
      breakerHalfOpenAfterMs: 200,
    });
    for (let i = 0; i < 2; i++) await client.authorize(order());
    const before = server.calls.authorize.length + server.calls.getPayment.length;

    // Open: answered without calling payment (the call counts below), not "in so many ms".
    const fast = await client.authorize(order());
    expect(fast).toEqual({ kind: 'unavailable', reason: 'circuit-open', retryAfterMs: 200 });
    expect(server.calls.authorize.length + server.calls.getPayment.length).toBe(before);

    server.script('authorize', ok);
    // Once half-open (after 200 ms), a trial call goes through and closes the circuit.
    await expect
      .poll(async () => (await client.authorize(order())).kind, { timeout: 30_000, interval: 50 })
      .toBe('authorized');
    await expect(client.authorize(order())).resolves.toMatchObject({ kind: 'authorized' });
  });

  it('rejects calls beyond the bulkhead at once, without calling payment', async () => {
    // The first call is held at payment until the second has been refused.
    const { promise: held, resolve: release } = Promise.withResolvers<undefined>();
    server.script('authorize', async () => {
      await held;
      return ok();
    });
    // A deadline far beyond the hold, however slow the machine: the held call is not retried.
    const client = clientWith({
      bulkheadLimit: 1,
      bulkheadQueue: 0,
      attemptTimeoutMs: 60_000,
      callBudgetMs: 60_000,
    });
    const first = client.authorize(order());
    await expect.poll(() => server.calls.authorize.length, { timeout: 30_000 }).toBe(1);
    await expect(client.authorize(order())).resolves.toMatchObject({
      kind: 'unavailable',
      reason: 'bulkhead-full',
    });
    release(undefined);
    await expect(first).resolves.toMatchObject({ kind: 'authorized' });
    expect(server.calls.authorize).toHaveLength(1);
  });

  it('resolves a timed-out Authorize with GetPayment by its key, without charging again', async () => {
    const charged = new Map<string, paymentV1.Payment>();
    server.script('authorize', async (call) => {
      charged.set(String(call.request.idempotencyKey), paymentOf({ paymentId: 'pay-late' }));
      await wait(300); // the charge happened; the answer comes too late
      return ok();
    });
    server.script('getPayment', (call) => {
      const payment = charged.get(String(call.request.authorizeIdempotencyKey));
      return Promise.resolve(payment ? { payment } : { code: status.NOT_FOUND });
    });
    const outcome = await clientWith({ attemptTimeoutMs: 100 }).authorize(order());
    expect(outcome).toEqual({ kind: 'authorized', paymentId: 'pay-late' });
    expect(server.calls.authorize).toHaveLength(1);
    expect(server.calls.getPayment).toHaveLength(1);
  });

  it('costs one call per client retry while payment says the key is being decided (ABORTED): no retry, no lookup', async () => {
    server.script('authorize', fail(status.ABORTED));
    server.script('getPayment', fail(status.ABORTED));
    const client = clientWith({ maxRetries: 2 });
    const stuck = order();
    for (let retry = 0; retry < 5; retry++) {
      await expect(client.authorize(stuck)).resolves.toMatchObject({
        kind: 'unavailable',
        reason: 'outcome-unknown',
      });
    }
    expect(server.calls.authorize).toHaveLength(5);
    expect(server.calls.getPayment).toHaveLength(0);
  });

  it('looks an uncertain Authorize up once when the lookup says it is still being decided', async () => {
    server.script('authorize', fail(status.UNAVAILABLE));
    server.script('getPayment', fail(status.ABORTED));
    const outcome = await clientWith({ maxRetries: 2 }).authorize(order());
    expect(outcome).toMatchObject({ kind: 'unavailable', reason: 'outcome-unknown' });
    // UNAVAILABLE is retried (payment is idempotent by key); the ABORTED lookup is not.
    expect(server.calls.authorize).toHaveLength(3);
    expect(server.calls.getPayment).toHaveLength(1);
  });

  it('sends the correlation id and a deadline no later than the attempt timeout', async () => {
    server.script('authorize', ok);
    const sentAt = Date.now();
    await withCorrelationId('corr-42', () =>
      clientWith({ attemptTimeoutMs: 800 }).authorize(order()),
    );
    const [call] = server.calls.authorize;
    expect(call?.metadata.get('x-correlation-id')).toEqual(['corr-42']);
    const deadline = Number(call?.getDeadline());
    expect(deadline).toBeGreaterThan(sentAt);
    expect(deadline).toBeLessThanOrEqual(sentAt + 800 + 50);
  });

  it('refunds once per key, and reports a refused refund as not-refundable', async () => {
    server.script('refund', ok);
    const client = clientWith();
    await expect(
      client.refund({ paymentId: 'pay-1', idempotencyKey: 'r-1', reason: 'COURSE_FULL' }),
    ).resolves.toEqual({
      kind: 'refunded',
      paymentId: 'pay-1',
    });
    expect(server.calls.refund[0]?.request).toMatchObject({
      reason: paymentV1.RefundReason.REFUND_REASON_COURSE_FULL,
    });
    server.script('refund', fail(status.FAILED_PRECONDITION));
    await expect(
      client.refund({ paymentId: 'pay-1', idempotencyKey: 'r-2', reason: 'COURSE_FULL' }),
    ).resolves.toEqual({
      kind: 'not-refundable',
      paymentId: 'pay-1',
    });
  });
});
