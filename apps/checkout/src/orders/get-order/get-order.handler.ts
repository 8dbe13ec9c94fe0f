import { Injectable } from '@nestjs/common';
import type { Order } from '../domain/order.js';
import { OrderNotFoundError } from '../domain/order.errors.js';
import { OrdersRepository } from '../orders.repository.js';

@Injectable()
export class GetOrderHandler {
  constructor(private readonly orders: OrdersRepository) {}

  async execute(id: string): Promise<Order> {
    const order = await this.orders.byId(id);
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }
}
