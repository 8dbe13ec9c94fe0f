import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { problemDoc, problemResponse } from '../openapi/problem.schema.js';
import {
  IDEMPOTENCY_KEY_INVALID,
  IDEMPOTENCY_KEY_REQUIRED,
  IDEMPOTENCY_KEY_REUSED,
  IDEMPOTENCY_REQUEST_IN_PROGRESS,
  INTERNAL_ERROR,
  INVALID_REQUEST,
  UNAUTHENTICATED,
} from '../openapi/shared-problems.js';
import { LEARNER_BEARER } from '../openapi/learner-bearer.openapi.js';
import {
  EmptyOrderError,
  InvalidOrderTransitionError,
  MixedCurrenciesError,
  OrderKeyTakenError,
  OrderNotFoundError,
  OrderNotYoursError,
  PaymentDeclinedError,
  PaymentUnavailableError,
  RefundRefusedError,
  UnknownCoursesError,
  type OrderError,
} from './domain/order.errors.js';
import { orderProblem } from './order-errors.problem.js';
import { orderViewSchema } from './order.view.js';
import { orderParamsSchema } from './get-order/get-order.http-controller.js';
import { placeOrderBodySchema } from './place-order/place-order.command.js';

// One example per code (a Record: a new code fails to compile until added),
// run through the real mapping, so the document shows what the API answers.
const examples: Record<OrderError['code'], OrderError> = {
  UNKNOWN_COURSES: new UnknownCoursesError(['…']),
  PAYMENT_DECLINED: new PaymentDeclinedError('…', 'INSUFFICIENT_FUNDS'),
  PAYMENT_UNAVAILABLE: new PaymentUnavailableError('circuit-open', 5000),
  ORDER_NOT_FOUND: new OrderNotFoundError('…'),
  ORDER_NOT_YOURS: new OrderNotYoursError('…'),
  MIXED_CURRENCIES: new MixedCurrenciesError(['EUR', 'USD']),
  EMPTY_ORDER: new EmptyOrderError(),
  INVALID_ORDER_TRANSITION: new InvalidOrderTransitionError('…', 'COMPLETED', 'CANCELLED'),
  REFUND_REFUSED: new RefundRefusedError('…', '…'),
  ORDER_KEY_TAKEN: new OrderKeyTakenError('…'),
};
const problem = (code: OrderError['code']) => problemDoc(orderProblem(examples[code]));

const idempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(255)
    .describe(
      'One per intended purchase (a UUID v4 is a good choice); resend it to retry the same request.',
    ),
});

const unauthenticated = {
  ...problemResponse('No bearer token, or one that is malformed, forged or expired', [
    UNAUTHENTICATED,
  ]),
  headers: {
    'WWW-Authenticate': {
      description: '`Bearer realm="course-shop"`',
      schema: { type: 'string' as const },
    },
  },
};
const learnerOnly = [{ [LEARNER_BEARER]: [] }];

export function registerOrderRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/orders',
    summary: 'Place an order and pay for it',
    description:
      'For the learner of the bearer token. Authorizes the payment synchronously, then answers with the order ENROLLING while enrollment grants the seats. Idempotent by `Idempotency-Key` (per learner): a retry gets the first response byte for byte (`Idempotent-Replayed: true`).',
    security: learnerOnly,
    request: {
      headers: idempotencyKeyHeader,
      body: { content: { 'application/json': { schema: placeOrderBodySchema } } },
    },
    responses: {
      201: {
        description: 'Placed and paid; `Location` is the order.',
        headers: { Location: { description: '`/v1/orders/{id}`', schema: { type: 'string' } } },
        content: { 'application/json': { schema: orderViewSchema } },
      },
      400: problemResponse('Bad input, naming the field', [
        INVALID_REQUEST,
        IDEMPOTENCY_KEY_REQUIRED,
        IDEMPOTENCY_KEY_INVALID,
      ]),
      401: unauthenticated,
      402: problemResponse('The card was declined; the order is CANCELLED', [
        problem('PAYMENT_DECLINED'),
      ]),
      409: problemResponse('A request with this key is still running; retry after `Retry-After`', [
        IDEMPOTENCY_REQUEST_IN_PROGRESS,
        problem('INVALID_ORDER_TRANSITION'),
      ]),
      422: problemResponse('The request cannot be processed', [
        problem('UNKNOWN_COURSES'),
        problem('MIXED_CURRENCIES'),
        problem('EMPTY_ORDER'),
        IDEMPOTENCY_KEY_REUSED,
      ]),
      500: problemResponse('A bug; retry with the same key', [INTERNAL_ERROR]),
      503: {
        ...problemResponse(
          'Payment is unavailable; nothing was charged twice. Retry with the same key after `Retry-After`',
          [problem('PAYMENT_UNAVAILABLE')],
        ),
        headers: {
          'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
        },
      },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/orders/{id}',
    summary: 'An order with its full status history',
    description: 'Only for the learner who placed it.',
    security: learnerOnly,
    request: { params: orderParamsSchema },
    responses: {
      200: {
        description: 'The order.',
        content: { 'application/json': { schema: orderViewSchema } },
      },
      400: problemResponse('Malformed id', [INVALID_REQUEST]),
      401: unauthenticated,
      403: problemResponse("Another learner's order", [problem('ORDER_NOT_YOURS')]),
      404: problemResponse('No such order', [problem('ORDER_NOT_FOUND')]),
    },
  });
}

/** Every problem an order error maps to (REFUND_REFUSED only reaches logs and dead letters). */
export const orderProblems = (Object.keys(examples) as OrderError['code'][]).map(problem);
