import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CompensateOrderHandler } from './compensate-order/compensate-order.handler.js';
import { CompleteOrderHandler } from './complete-order/complete-order.handler.js';
import { GetOrderHandler } from './get-order/get-order.handler.js';
import { OrdersHttpController } from './orders.http-controller.js';
import { SeatEventsKafkaConsumer } from './seat-events.kafka-consumer.js';
import { OrdersRepository } from './orders.repository.js';
import { PrismaOrdersRepository } from './prisma-orders.repository.js';
import { PlaceOrderHandler } from './place-order/place-order.handler.js';

/** Orders: placed over REST, completed or compensated by enrollment's events. Needs `Payments` and `MessagingModule`. */
@Module({
  imports: [CatalogModule],
  controllers: [OrdersHttpController, SeatEventsKafkaConsumer],
  providers: [
    PlaceOrderHandler,
    GetOrderHandler,
    CompleteOrderHandler,
    CompensateOrderHandler,
    { provide: OrdersRepository, useClass: PrismaOrdersRepository },
  ],
  exports: [CompleteOrderHandler, CompensateOrderHandler, PlaceOrderHandler],
})
export class OrdersModule {}
