import { createHash } from 'node:crypto';
import { isCurrencyCode, isStorableInteger, isStorableText, type paymentV1 } from '@shop/contracts';
import { InvalidRequestError } from '../domain/payment.errors.js';
import type { PaymentClaim } from '../payments.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CARD_TOKEN = /^tok_[a-z0-9_]{1,64}$/;

/** A validated Authorize request. */
export class AuthorizeCommand {
  private constructor(
    readonly claim: PaymentClaim,
    readonly cardToken: string,
  ) {}

  static from(request: paymentV1.AuthorizeRequest): AuthorizeCommand {
    const key = request.idempotencyKey.trim();
    const amount = request.amount;
    // Everything the database would refuse is refused here first (INVALID_ARGUMENT, not UNKNOWN).
    if (key === '' || key.length > 200 || !isStorableText(key))
      throw new InvalidRequestError('idempotency_key must be 1–200 characters, without NUL');
    if (!UUID.test(request.orderId)) throw new InvalidRequestError('order_id must be a UUID');
    if (request.learnerId.trim() === '' || request.learnerId.length > 200)
      throw new InvalidRequestError('learner_id must be 1–200 characters');
    if (!isStorableText(request.learnerId))
      throw new InvalidRequestError('learner_id must not contain NUL characters');
    if (!amount || !isStorableInteger(amount.amountMinor) || amount.amountMinor <= 0) {
      throw new InvalidRequestError(
        'amount.amount_minor must be a positive integer up to 2^31 − 1',
      );
    }
    if (!isCurrencyCode(amount.currencyCode))
      throw new InvalidRequestError('amount.currency_code must be an ISO 4217 code, upper case');
    // Never echo the token: a caller who sent a card number here must not find it in our logs.
    if (!CARD_TOKEN.test(request.cardToken))
      throw new InvalidRequestError('card_token is not a token');
    const fields = {
      orderId: request.orderId,
      learnerId: request.learnerId,
      amountMinor: amount.amountMinor,
      currency: amount.currencyCode,
    };
    return new AuthorizeCommand(
      {
        ...fields,
        idempotencyKey: key,
        requestFingerprint: fingerprint({ ...fields, cardToken: request.cardToken }),
      },
      request.cardToken,
    );
  }
}

// Same key + same fingerprint = a retry; same key + another fingerprint = a caller bug.
function fingerprint(fields: Record<string, string | number>): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
