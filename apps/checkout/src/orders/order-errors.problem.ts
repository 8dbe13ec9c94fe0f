import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { assertUnreachable } from '@shop/contracts';
import { ProblemException, problemType, type Problem } from '@shop/platform';
import type { FastifyReply } from 'fastify';
import { catchError, type Observable } from 'rxjs';
import type { OrderError } from './domain/order.errors.js';

/** Order error codes → problem+json, exhaustively: a new code fails to compile until mapped. */
export function orderProblem(error: OrderError): Problem {
  const detail = error.message;
  switch (error.code) {
    case 'UNKNOWN_COURSES':
      return {
        type: problemType('unknown-course'),
        title: 'No such course',
        status: 422,
        detail,
        courseIds: error.courseIds,
      };
    case 'PAYMENT_DECLINED':
      return {
        type: problemType('payment-declined'),
        title: 'The payment was declined',
        status: 402,
        detail,
        orderId: error.orderId,
        declineReason: error.declineReason,
      };
    case 'PAYMENT_UNAVAILABLE':
      return {
        type: problemType('payment-unavailable'),
        title: 'Payment is unavailable; retry later with the same Idempotency-Key',
        status: 503,
        detail,
      };
    case 'ORDER_NOT_FOUND':
      return { type: problemType('order-not-found'), title: 'No such order', status: 404, detail };
    case 'ORDER_NOT_YOURS':
      return { type: problemType('forbidden'), title: 'Not yours', status: 403, detail };
    case 'MIXED_CURRENCIES':
      return {
        type: problemType('mixed-currencies'),
        title: 'The courses are priced in different currencies',
        status: 422,
        detail,
      };
    case 'EMPTY_ORDER':
      return {
        type: problemType('empty-order'),
        title: 'An order needs at least one course',
        status: 422,
        detail,
      };
    case 'INVALID_ORDER_TRANSITION':
      return {
        type: problemType('invalid-order-transition'),
        title: 'The order cannot change that way',
        status: 409,
        detail,
      };
    case 'REFUND_REFUSED':
      return {
        type: problemType('refund-refused'),
        title: 'The payment could not be refunded',
        status: 409,
        detail,
      };
    case 'ORDER_KEY_TAKEN':
      return {
        type: problemType('idempotency-key-reused'),
        title: 'The Idempotency-Key was used for a different request',
        status: 422,
        detail,
      };
    default:
      return assertUnreachable(error);
  }
}

// A Record, so a new code fails to compile until it is listed here too.
const ORDER_ERROR_CODES: Record<OrderError['code'], true> = {
  UNKNOWN_COURSES: true,
  PAYMENT_DECLINED: true,
  PAYMENT_UNAVAILABLE: true,
  ORDER_KEY_TAKEN: true,
  ORDER_NOT_FOUND: true,
  ORDER_NOT_YOURS: true,
  MIXED_CURRENCIES: true,
  EMPTY_ORDER: true,
  INVALID_ORDER_TRANSITION: true,
  REFUND_REFUSED: true,
};

export function isOrderError(error: unknown): error is OrderError {
  return (
    error instanceof Error &&
    'code' in error &&
    Object.hasOwn(ORDER_ERROR_CODES, String(error.code))
  );
}

/**
 * Turns order errors into problems *inside* `@Idempotent` (list it above that
 * decorator), so the idempotency layer stores domain outcomes such as a 402 and
 * replays them. A 503 also gets its `Retry-After` header here.
 */
@Injectable()
export class OrderProblemsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!isOrderError(error)) throw error;
        if (error.code === 'PAYMENT_UNAVAILABLE') {
          const reply = context.switchToHttp().getResponse<FastifyReply>();
          void reply.header(
            'retry-after',
            String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))),
          );
        }
        throw new ProblemException(orderProblem(error));
      }),
    );
  }
}
