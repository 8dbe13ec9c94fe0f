import { beforeEach, describe, expect, it } from 'vitest';
import {
  AuthorizationInProgressError,
  InvalidRequestError,
  PaymentNotFoundError,
} from '../domain/payment.errors.js';
import { InMemoryPaymentsRepository } from '../testing/in-memory-payments.repository.js';
import { GetPaymentHandler } from './get-payment.handler.js';

const claim = {
  idempotencyKey: 'authorize-1',
  orderId: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01',
  learnerId: 'learner-1',
  amountMinor: 4900,
  currency: 'EUR',
  requestFingerprint: 'f',
};

let payments: InMemoryPaymentsRepository;
let getPayment: GetPaymentHandler;
beforeEach(() => {
  payments = new InMemoryPaymentsRepository();
  getPayment = new GetPaymentHandler(payments);
});

describe('GetPaymentHandler', () => {
  it('finds a settled payment by its id and by the idempotency key of its Authorize', async () => {
    const { payment } = await payments.claim(claim);
    await payments.settle(payment.id, { approved: true, cardLast4: null });
    await expect(getPayment.execute({ paymentId: payment.id })).resolves.toMatchObject({
      id: payment.id,
      status: 'AUTHORIZED',
    });
    await expect(getPayment.execute({ idempotencyKey: 'authorize-1' })).resolves.toMatchObject({
      id: payment.id,
    });
  });

  it('answers NOT_FOUND for a key never charged, and "in progress" while undecided', async () => {
    await expect(getPayment.execute({ idempotencyKey: 'never' })).rejects.toThrow(
      PaymentNotFoundError,
    );
    await payments.claim(claim);
    await expect(getPayment.execute({ idempotencyKey: 'authorize-1' })).rejects.toThrow(
      AuthorizationInProgressError,
    );
  });

  it('refuses a malformed id or an empty key before looking', async () => {
    await expect(getPayment.execute({ paymentId: 'nope' })).rejects.toThrow(InvalidRequestError);
    await expect(getPayment.execute({ idempotencyKey: ' ' })).rejects.toThrow(InvalidRequestError);
  });
});
