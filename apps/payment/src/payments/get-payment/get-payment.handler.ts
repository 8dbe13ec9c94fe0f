import { Injectable } from '@nestjs/common';
import { isStorableText } from '@shop/contracts';
import {
  AuthorizationInProgressError,
  InvalidRequestError,
  PaymentNotFoundError,
} from '../domain/payment.errors.js';
import { isSettled, type SettledPayment } from '../domain/settled-payment.js';
import { PaymentsRepository, type PaymentKey } from '../payments.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tells a caller what happened to a payment — by id, or by the idempotency key
 * of its Authorize call, which is how a caller resolves a timed-out Authorize
 * without charging twice: found = that outcome, NOT_FOUND = never charged,
 * ABORTED = still being decided.
 */
@Injectable()
export class GetPaymentHandler {
  constructor(private readonly payments: PaymentsRepository) {}

  async execute(key: PaymentKey): Promise<SettledPayment> {
    if ('paymentId' in key && !UUID.test(key.paymentId)) {
      throw new InvalidRequestError('payment_id must be a UUID');
    }
    if ('idempotencyKey' in key && !isLookupKey(key.idempotencyKey)) {
      throw new InvalidRequestError(
        'authorize_idempotency_key must be 1–200 characters, without NUL',
      );
    }
    const payment = await this.payments.find(key);
    if (!payment) throw new PaymentNotFoundError();
    if (!isSettled(payment)) throw new AuthorizationInProgressError();
    return payment;
  }
}

const isLookupKey = (key: string) => key.trim() !== '' && key.length <= 200 && isStorableText(key);
