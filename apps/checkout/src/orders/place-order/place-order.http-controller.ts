import { Body, Controller, Headers, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  Idempotent,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeyParam,
  responseOfFailure,
  responseOfResult,
  type StoredResponse,
  type TransactionalKey,
} from '@shop/idempotency';
import { ProblemException, ZodValidationPipe } from '@shop/platform';
import type { FastifyReply } from 'fastify';
import { learnerOf, LearnerBearerGuard } from '../../identity/learner-bearer.guard.js';
import { Learner } from '../../identity/learner.decorator.js';
import type { PaymentDeclinedError } from '../domain/order.errors.js';
import { Order } from '../domain/order.js';
import { OrderProblemsInterceptor, orderProblem } from '../order-errors.problem.js';
import { orderPath, toOrderView, type OrderView } from '../order.view.js';
import {
  PlaceOrderCommand,
  placeOrderBodySchema,
  type PlaceOrderBody,
} from './place-order.command.js';
import { PlaceOrderHandler } from './place-order.handler.js';

@Controller('v1/orders')
export class PlaceOrderHttpController {
  constructor(private readonly placeOrder: PlaceOrderHandler) {}

  // The guard runs before @Idempotent: no key is claimed for an anonymous request.
  // OrderProblemsInterceptor is listed first so that it runs inside @Idempotent.
  // inTransactions: the handler claims the key with the order and stores this
  // response with the order's outcome (ADR 0040).
  @Post()
  @UseGuards(LearnerBearerGuard)
  @UseInterceptors(OrderProblemsInterceptor)
  @Idempotent({ scope: 'orders.create', callerOf: learnerOf, inTransactions: true })
  async place(
    @Learner() learnerId: string,
    @Body(new ZodValidationPipe(placeOrderBodySchema)) body: PlaceOrderBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @IdempotencyKeyParam() key: TransactionalKey,
  ): Promise<OrderView> {
    const answer = (outcome: Order | PaymentDeclinedError) => answerOf(outcome, reply);
    const order = await this.placeOrder.execute(
      PlaceOrderCommand.from(body, learnerId, idempotencyKey),
      { key, answer },
    );
    return answerWith(order, reply);
  }
}

function answerWith(order: Order, reply: FastifyReply): OrderView {
  void reply.header('location', orderPath(order.snapshot.id));
  return toOrderView(order);
}

// The response @Idempotent would make of this outcome, made early so that the
// order's last transaction can store it: the view with its Location, or the
// problem OrderProblemsInterceptor turns the decline into.
function answerOf(outcome: Order | PaymentDeclinedError, reply: FastifyReply): StoredResponse {
  if (outcome instanceof Order) return responseOfResult(answerWith(outcome, reply), reply);
  const failure = responseOfFailure(new ProblemException(orderProblem(outcome)));
  if (!failure) throw new Error('a declined payment is a stored outcome');
  return failure;
}
