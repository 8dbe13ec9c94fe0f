import { Injectable } from '@nestjs/common';
import type { Payment } from '../../generated/prisma/client.js';
import { PaymentsRepository, type PaymentLookup } from '../payments.repository.js';

export class PaymentNotFoundError extends Error {
  readonly code = 'PAYMENT_NOT_FOUND';
  constructor() {
    super('no payment matches the lookup');
  }
}

export class InvalidLookupError extends Error {
  readonly code = 'INVALID_LOOKUP';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tells a caller what happened to a payment — by id, or by the idempotency key
 * of its Authorize call, which is how a caller resolves a timed-out Authorize
 * without charging twice.
 */
@Injectable()
export class GetPaymentHandler {
  constructor(private readonly payments: PaymentsRepository) {}

  async execute(lookup: PaymentLookup): Promise<Payment> {
    if ('paymentId' in lookup && !UUID.test(lookup.paymentId)) {
      throw new InvalidLookupError('payment_id must be a UUID');
    }
    if ('idempotencyKey' in lookup && lookup.idempotencyKey.trim() === '') {
      throw new InvalidLookupError('authorize_idempotency_key must not be empty');
    }
    const payment = await this.payments.find(lookup);
    if (!payment) throw new PaymentNotFoundError();
    return payment;
  }
}
