import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { TransactionalKey } from '../operation/transactional-key.js';

/** The key `@Idempotent({ inTransactions: true })` hands to its request's handler. */
export const keyHeldBy = new WeakMap<FastifyRequest, TransactionalKey>();

/**
 * The request's `TransactionalKey`, for a handler under
 * `@Idempotent({ inTransactions: true })` to claim and complete in its own
 * transactions.
 */
export const IdempotencyKeyParam = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TransactionalKey => {
    const key = keyHeldBy.get(context.switchToHttp().getRequest<FastifyRequest>());
    if (!key) throw new Error('@IdempotencyKeyParam() needs @Idempotent({ inTransactions: true })');
    return key;
  },
);
