import { Injectable } from '@nestjs/common';
import { assertUnreachable, isStorableText, paymentV1 } from '@shop/contracts';
import {
  IdempotencyKeyReusedError,
  InvalidRequestError,
  NotRefundableError,
  PaymentNotFoundError,
} from '../domain/payment.errors.js';
import { isSettled, type SettledPayment } from '../domain/settled-payment.js';
import { PaymentsRepository } from '../payments.repository.js';

// The reasons a refund may give: an enum number this version does not know is refused.
const REFUND_REASONS: ReadonlySet<number> = new Set([
  paymentV1.RefundReason.REFUND_REASON_COURSE_FULL,
  paymentV1.RefundReason.REFUND_REASON_REQUESTED_BY_LEARNER,
  paymentV1.RefundReason.REFUND_REASON_PAYMENT_OUTCOME_TIMEOUT,
  paymentV1.RefundReason.REFUND_REASON_ENROLLMENT_TIMEOUT,
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refunds an AUTHORIZED payment in full, once per refund idempotency key. */
@Injectable()
export class RefundHandler {
  constructor(private readonly payments: PaymentsRepository) {}

  async execute(request: paymentV1.RefundRequest): Promise<SettledPayment> {
    const idempotencyKey = request.idempotencyKey.trim();
    if (idempotencyKey === '' || idempotencyKey.length > 200 || !isStorableText(idempotencyKey))
      throw new InvalidRequestError('idempotency_key must be 1–200 characters, without NUL');
    if (!UUID.test(request.paymentId)) throw new InvalidRequestError('payment_id must be a UUID');
    if (!REFUND_REASONS.has(request.reason)) {
      throw new InvalidRequestError('reason must be one of RefundReason, not UNSPECIFIED');
    }
    const result = await this.payments.refund({ idempotencyKey, paymentId: request.paymentId });
    switch (result.kind) {
      case 'refunded':
      case 'replayed':
        if (!isSettled(result.payment)) throw new NotRefundableError(result.payment.status);
        return result.payment;
      case 'not-found':
        throw new PaymentNotFoundError();
      case 'key-reused':
        throw new IdempotencyKeyReusedError();
      case 'not-refundable':
        throw new NotRefundableError(result.status);
      default:
        return assertUnreachable(result);
    }
  }
}
