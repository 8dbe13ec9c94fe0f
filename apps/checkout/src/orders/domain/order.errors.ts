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
