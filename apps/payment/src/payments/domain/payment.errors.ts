import type { DeclineReasonCode } from '../card-processor/card-processor.js';

// Domain errors carry a stable `code`; payment-errors.grpc.ts maps each to a
// gRPC status, exhaustively.

export class PaymentNotFoundError extends Error {
  readonly code = 'PAYMENT_NOT_FOUND';
  constructor() {
    super('no payment matches the lookup');
  }
}

/** A field is missing or malformed. */
export class InvalidRequestError extends Error {
  readonly code = 'INVALID_REQUEST';
}

export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('this idempotency key was used for a different request');
  }
}

export class CardDeclinedError extends Error {
  readonly code = 'CARD_DECLINED';
  constructor(
    readonly reason: DeclineReasonCode,
    readonly paymentId: string,
  ) {
    super(`card declined: ${reason}`);
  }
}

/** Another call with the same idempotency key is still being processed. */
export class AuthorizationInProgressError extends Error {
  readonly code = 'AUTHORIZATION_IN_PROGRESS';
  constructor() {
    super('a call with this idempotency key is still in progress; retry later with the same key');
  }
}

/** The card processor could not be reached; nothing was charged. */
export class ProcessorUnavailableError extends Error {
  readonly code = 'PROCESSOR_UNAVAILABLE';
  constructor() {
    super('the card processor is unavailable; nothing was charged');
  }
}

/** The caller's deadline passed before an answer; work stopped, nothing was charged. */
export class PaymentDeadlineExceededError extends Error {
  readonly code = 'DEADLINE_EXCEEDED';
  constructor() {
    super('the deadline passed before the card processor answered; nothing was charged');
  }
}

export class NotRefundableError extends Error {
  readonly code = 'NOT_REFUNDABLE';
  constructor(status: string) {
    super(`a payment in status ${status} cannot be refunded; only AUTHORIZED ones can`);
  }
}

export type PaymentError =
  | PaymentNotFoundError
  | InvalidRequestError
  | IdempotencyKeyReusedError
  | CardDeclinedError
  | AuthorizationInProgressError
  | ProcessorUnavailableError
  | PaymentDeadlineExceededError
  | NotRefundableError;

/** Every payment error class, for `@Catch`. */
export const paymentErrorClasses = [
  PaymentNotFoundError,
  InvalidRequestError,
  IdempotencyKeyReusedError,
  CardDeclinedError,
  AuthorizationInProgressError,
  ProcessorUnavailableError,
  PaymentDeadlineExceededError,
  NotRefundableError,
];
