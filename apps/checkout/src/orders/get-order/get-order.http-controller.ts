import { Controller, Get, Param, UseGuards, UseInterceptors } from '@nestjs/common';
import { ZodValidationPipe } from '@shop/platform';
import { z } from 'zod';
import { LearnerBearerGuard } from '../../identity/learner-bearer.guard.js';
import { Learner } from '../../identity/learner.decorator.js';
import { OrderProblemsInterceptor } from '../order-errors.problem.js';
import { toOrderView, type OrderView } from '../order.view.js';
import { GetOrderHandler } from './get-order.handler.js';

export const orderParamsSchema = z.object({ id: z.uuid() });

@Controller('v1/orders')
export class GetOrderHttpController {
  constructor(private readonly getOrder: GetOrderHandler) {}

  @Get(':id')
  @UseGuards(LearnerBearerGuard)
  @UseInterceptors(OrderProblemsInterceptor)
  async get(
    @Learner() learnerId: string,
    @Param(new ZodValidationPipe(orderParamsSchema)) params: z.infer<typeof orderParamsSchema>,
  ): Promise<OrderView> {
    return toOrderView(await this.getOrder.execute(params.id, learnerId));
  }
}
