import type { OrderStatus } from './order-status.js';

export class InvalidOrderTransitionError extends Error {
  readonly code = 'INVALID_ORDER_TRANSITION';
  constructor(
    readonly orderId: string,
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`order ${orderId} cannot go from ${from} to ${to}`);
  }
}

export class EmptyOrderError extends Error {
  readonly code = 'EMPTY_ORDER';
  constructor() {
    super('an order needs at least one course');
  }
}

export class MixedCurrenciesError extends Error {
  readonly code = 'MIXED_CURRENCIES';
  constructor(readonly currencies: readonly string[]) {
    super(`one order cannot mix currencies (${currencies.join(', ')})`);
  }
}

export class OrderNotFoundError extends Error {
  readonly code = 'ORDER_NOT_FOUND';
  constructor(readonly orderId: string) {
    super(`no order with id ${orderId}`);
  }
}

/** The order belongs to another learner (403: order ids are unguessable, so saying so leaks nothing). */
export class OrderNotYoursError extends Error {
  readonly code = 'ORDER_NOT_YOURS';
  constructor(readonly orderId: string) {
    super(`order ${orderId} is not yours`);
  }
}

export class UnknownCoursesError extends Error {
  readonly code = 'UNKNOWN_COURSES';
  constructor(readonly courseIds: readonly string[]) {
    super(`no course with id ${courseIds.join(', ')}`);
  }
}

/** The card was declined: the order is CANCELLED and nothing else happened. */
export class PaymentDeclinedError extends Error {
  readonly code = 'PAYMENT_DECLINED';
  constructor(
    readonly orderId: string,
    readonly declineReason: string,
  ) {
    super(`payment declined (${declineReason}); order ${orderId} is cancelled`);
  }
}

/** Payment gave no answer now; nothing was charged, or the same key resolves it on retry. */
export class PaymentUnavailableError extends Error {
  readonly code = 'PAYMENT_UNAVAILABLE';
  constructor(
    readonly reason: string,
    readonly retryAfterMs: number,
  ) {
    super(`payment is unavailable (${reason}); retry after ${retryAfterMs} ms`);
  }
}

/** Payment refused to refund an order checkout must compensate: a person has to look. */
export class RefundRefusedError extends Error {
  readonly code = 'REFUND_REFUSED';
  constructor(
    readonly orderId: string,
    readonly paymentId: string,
  ) {
    super(`payment ${paymentId} of order ${orderId} is not refundable`);
  }
}

/** Every error the order use cases report; each transport maps them exhaustively. */
/**
 * The idempotency key already placed an order of another learner or for other
 * courses. Within the key's 24 h the key store answers 422 before any of
 * this runs; after that, the order (whose key is unique forever) still says no.
 */
export class OrderKeyTakenError extends Error {
  readonly code = 'ORDER_KEY_TAKEN';
  constructor(readonly idempotencyKey: string) {
    super(`the key ${idempotencyKey} already placed a different order`);
  }
}

export type OrderError =
  | InvalidOrderTransitionError
  | EmptyOrderError
  | MixedCurrenciesError
  | OrderNotFoundError
  | OrderNotYoursError
  | UnknownCoursesError
  | PaymentDeclinedError
  | PaymentUnavailableError
  | RefundRefusedError
  | OrderKeyTakenError;
