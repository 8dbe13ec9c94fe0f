import { Body, Controller, Headers, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { Idempotent, IDEMPOTENCY_KEY_HEADER } from '@shop/idempotency';
import { ZodValidationPipe } from '@shop/platform';
import type { FastifyReply } from 'fastify';
import { learnerOf, LearnerBearerGuard } from '../../identity/learner-bearer.guard.js';
import { Learner } from '../../identity/learner.decorator.js';
import { OrderProblemsInterceptor } from '../order-errors.problem.js';
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
  @Post()
  @UseGuards(LearnerBearerGuard)
  @UseInterceptors(OrderProblemsInterceptor)
  @Idempotent({ scope: 'orders.create', callerOf: learnerOf })
  async place(
    @Learner() learnerId: string,
    @Body(new ZodValidationPipe(placeOrderBodySchema)) body: PlaceOrderBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderView> {
    const order = await this.placeOrder.execute(
      PlaceOrderCommand.from(body, learnerId, idempotencyKey),
    );
    void reply.header('location', orderPath(order.snapshot.id));
    return toOrderView(order);
  }
}
