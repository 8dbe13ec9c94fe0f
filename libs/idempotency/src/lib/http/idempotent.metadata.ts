import { Reflector } from '@nestjs/core';

/** How one endpoint uses idempotency keys. */
export interface IdempotentOptions {
  /**
   * The namespace of its keys, e.g. `orders.create`: the same key sent to two
   * endpoints means two different requests. Add the caller when there is one.
   */
  readonly scope: string;
}

export const IDEMPOTENT_OPTIONS = Reflector.createDecorator<IdempotentOptions>();
