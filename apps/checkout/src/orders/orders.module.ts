import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CompensateOrderHandler } from './compensate-order/compensate-order.handler.js';
import { CompensateTimedOutOrderHandler } from './compensate-order/compensate-timed-out-order.handler.js';
import { GrantCancelledKafkaConsumer } from './compensate-order/grant-cancelled.kafka-consumer.js';
import { SeatRejectedKafkaConsumer } from './compensate-order/seat-rejected.kafka-consumer.js';
import { CompleteOrderHandler } from './complete-order/complete-order.handler.js';
import { SeatGrantedKafkaConsumer } from './complete-order/seat-granted.kafka-consumer.js';
import { GetOrderHandler } from './get-order/get-order.handler.js';
import { GetOrderHttpController } from './get-order/get-order.http-controller.js';
import { OrdersRepository } from './orders.repository.js';
import { PlaceOrderHandler } from './place-order/place-order.handler.js';
import { PlaceOrderHttpController } from './place-order/place-order.http-controller.js';
import { PrismaOrdersRepository } from './prisma-orders.repository.js';

/**
 * Orders: placed over REST (and GraphQL), completed or compensated by
 * enrollment's events (a seat rejection, or a grant cancelled after the
 * enrollment deadline). Each use case's folder holds its command, handler and
 * the transports that reach it. Needs `Payments` and the Kafka consumer feature.
 */
@Module({
  imports: [CatalogModule],
  controllers: [
    PlaceOrderHttpController,
    GetOrderHttpController,
    SeatGrantedKafkaConsumer,
    SeatRejectedKafkaConsumer,
    GrantCancelledKafkaConsumer,
  ],
  providers: [
    PlaceOrderHandler,
    GetOrderHandler,
    CompleteOrderHandler,
    CompensateOrderHandler,
    CompensateTimedOutOrderHandler,
    { provide: OrdersRepository, useClass: PrismaOrdersRepository },
  ],
  exports: [
    CompleteOrderHandler,
    CompensateOrderHandler,
    CompensateTimedOutOrderHandler,
    PlaceOrderHandler,
    OrdersRepository,
  ],
})
export class OrdersModule {}
