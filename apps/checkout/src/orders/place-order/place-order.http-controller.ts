import { Body, Controller, Get, Headers, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { Idempotent, IDEMPOTENCY_KEY_HEADER } from '@shop/idempotency';
import { ZodValidationPipe } from '@shop/platform';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { GetOrderHandler } from './get-order/get-order.handler.js';
import { OrderProblemsInterceptor } from './order-errors.problem.js';
import { orderPath, toOrderView, type OrderView } from './order.view.js';
import {
  PlaceOrderCommand,
  placeOrderBodySchema,
  type PlaceOrderBody,
} from './place-order/place-order.command.js';
import { PlaceOrderHandler } from './place-order/place-order.handler.js';

export const orderParamsSchema = z.object({ id: z.uuid() });

@Controller('v1/orders')
export class OrdersHttpController {
  constructor(
    private readonly placeOrder: PlaceOrderHandler,
    private readonly getOrder: GetOrderHandler,
  ) {}

  // OrderProblemsInterceptor is listed first so that it runs inside @Idempotent.
  @Post()
  @UseInterceptors(OrderProblemsInterceptor)
  @Idempotent({ scope: 'orders.create' })
  async place(
    @Body(new ZodValidationPipe(placeOrderBodySchema)) body: PlaceOrderBody,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderView> {
    const order = await this.placeOrder.execute(PlaceOrderCommand.from(body, idempotencyKey));
    void reply.header('location', orderPath(order.snapshot.id));
    return toOrderView(order);
  }

  @Get(':id')
  @UseInterceptors(OrderProblemsInterceptor)
  async get(
    @Param(new ZodValidationPipe(orderParamsSchema)) params: z.infer<typeof orderParamsSchema>,
  ): Promise<OrderView> {
    return toOrderView(await this.getOrder.execute(params.id));
  }
}
