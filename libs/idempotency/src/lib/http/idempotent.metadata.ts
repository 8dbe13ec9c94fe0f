import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';

/** How one endpoint uses idempotency keys. */
export interface IdempotentOptions {
  /**
   * The namespace of its keys, e.g. `orders.create`: the same key sent to two
   * endpoints means two different requests. Add the caller when there is one.
   */
  readonly scope: string;
  /**
   * Who is asking (e.g. the verified learner), part of what makes two
   * requests "the same": another caller's retry with the same key and body
   * is a reused key (422), never a replay of someone else's response.
   */
  readonly callerOf?: (request: FastifyRequest) => string;
  /**
   * The handler claims and completes the key inside its own transactions
   * (ADR 0040): it takes the key with `@IdempotencyKeyParam()` and calls
   * `claimIn(tx)` with its first effect, `completeIn(tx, response)` with its
   * outcome. Saves the key's two commits of its own; same protocol.
   */
  readonly inTransactions?: boolean;
}

export const IDEMPOTENT_OPTIONS = Reflector.createDecorator<IdempotentOptions>();
