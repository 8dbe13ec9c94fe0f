import { assertUnreachable } from '@shop/contracts';
import type { SubgraphErrorCode, SubgraphErrorSpec } from '@shop/subgraph';
import type { OrderError } from './domain/order.errors.js';
import { orderProblem } from './order-errors.problem.js';

/** Order error codes → GraphQL error codes, exhaustively: a new code fails to compile until mapped. */
function codeOf(error: OrderError): SubgraphErrorCode {
  switch (error.code) {
    case 'UNKNOWN_COURSES':
    case 'MIXED_CURRENCIES':
    case 'EMPTY_ORDER':
      return 'BAD_USER_INPUT';
    case 'PAYMENT_DECLINED':
      return 'PAYMENT_DECLINED';
    case 'PAYMENT_UNAVAILABLE':
      return 'PAYMENT_UNAVAILABLE';
    case 'ORDER_NOT_FOUND':
      return 'NOT_FOUND';
    case 'ORDER_NOT_YOURS':
      return 'FORBIDDEN';
    case 'ORDER_KEY_TAKEN':
      return 'IDEMPOTENCY_KEY_REUSED';
    case 'INVALID_ORDER_TRANSITION':
    case 'REFUND_REFUSED':
      return 'CONFLICT';
    default:
      return assertUnreachable(error);
  }
}

/**
 * An order error as GraphQL reports it: the code, and the very problem REST
 * answers (its `type`, detail and members such as `courseIds`) as extensions.
 */
export function orderGraphqlError(error: OrderError): SubgraphErrorSpec {
  const retry = error.code === 'PAYMENT_UNAVAILABLE' ? { retryAfterMs: error.retryAfterMs } : {};
  return { code: codeOf(error), problem: orderProblem(error), extensions: retry };
}
