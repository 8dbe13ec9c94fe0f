import { paymentV1 } from '@shop/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  IdempotencyKeyReusedError,
  InvalidRequestError,
  NotRefundableError,
  PaymentNotFoundError,
} from '../domain/payment.errors.js';
import { InMemoryPaymentsRepository } from '../testing/in-memory-payments.repository.js';
import { RefundHandler } from './refund.handler.js';

const { REFUND_REASON_COURSE_FULL } = paymentV1.RefundReason;

let payments: InMemoryPaymentsRepository;
let refund: RefundHandler;
beforeEach(() => {
  payments = new InMemoryPaymentsRepository();
  refund = new RefundHandler(payments);
});

async function paymentWith(decision: 'approved' | 'declined'): Promise<string> {
  const claim = {
    idempotencyKey: `authorize-${decision}`,
    orderId: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01',
    learnerId: 'learner-1',
    amountMinor: 4900,
    currency: 'EUR',
    requestFingerprint: 'f',
  };
  const claimed = await payments.claim(claim);
  await payments.settle(
    claimed.payment.id,
    decision === 'approved'
      ? { approved: true, cardLast4: null }
      : { approved: false, reason: 'CARD_EXPIRED', cardLast4: null },
  );
  return claimed.payment.id;
}

const request = (paymentId: string, idempotencyKey = 'refund-1'): paymentV1.RefundRequest => ({
  paymentId,
  idempotencyKey,
  reason: REFUND_REASON_COURSE_FULL,
});

describe('RefundHandler', () => {
  it('refunds an authorized payment once, and answers the same refund key with the same payment', async () => {
    const paymentId = await paymentWith('approved');
    await expect(refund.execute(request(paymentId))).resolves.toMatchObject({ status: 'REFUNDED' });
    await expect(refund.execute(request(paymentId))).resolves.toMatchObject({ status: 'REFUNDED' });
    expect(payments.refunds.size).toBe(1);
  });

  it('refunds for an enrollment timeout, and refuses a refund without a reason', async () => {
    const paymentId = await paymentWith('approved');
    const { REFUND_REASON_ENROLLMENT_TIMEOUT, REFUND_REASON_UNSPECIFIED } = paymentV1.RefundReason;
    await expect(
      refund.execute({ ...request(paymentId), reason: REFUND_REASON_UNSPECIFIED }),
    ).rejects.toThrow(InvalidRequestError);
    await expect(
      refund.execute({ ...request(paymentId), reason: REFUND_REASON_ENROLLMENT_TIMEOUT }),
    ).resolves.toMatchObject({ status: 'REFUNDED' });
  });

  it('refuses a payment that was never authorized, naming its status', async () => {
    const paymentId = await paymentWith('declined');
    const refused = refund.execute(request(paymentId));
    await expect(refused).rejects.toThrow(NotRefundableError);
    await expect(refused).rejects.toThrow(/DECLINED/);
  });

  it('refuses a refund key already used for another payment', async () => {
    const paymentId = await paymentWith('approved');
    await refund.execute(request(paymentId));
    const other = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
    await expect(refund.execute(request(other))).rejects.toThrow(IdempotencyKeyReusedError);
  });

  it('answers NOT_FOUND for an unknown payment and refuses a malformed request', async () => {
    await expect(
      refund.execute(request('0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20', 'refund-2')),
    ).rejects.toThrow(PaymentNotFoundError);
    await expect(refund.execute(request('not-a-uuid'))).rejects.toThrow(InvalidRequestError);
    await expect(refund.execute(request(await paymentWith('approved'), ' '))).rejects.toThrow(
      InvalidRequestError,
    );
  });
});
