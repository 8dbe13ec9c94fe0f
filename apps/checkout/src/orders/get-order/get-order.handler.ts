import { Injectable } from '@nestjs/common';
import type { Order } from '../domain/order.js';
import { OrderNotFoundError, OrderNotYoursError } from '../domain/order.errors.js';
import { OrdersRepository } from '../orders.repository.js';

@Injectable()
export class GetOrderHandler {
  constructor(private readonly orders: OrdersRepository) {}

  /** The order, for its own learner only. */
  async execute(id: string, learnerId: string): Promise<Order> {
    const order = await this.orders.byId(id);
    if (!order) throw new OrderNotFoundError(id);
    if (order.snapshot.learnerId !== learnerId) throw new OrderNotYoursError(id);
    return order;
  }
}
