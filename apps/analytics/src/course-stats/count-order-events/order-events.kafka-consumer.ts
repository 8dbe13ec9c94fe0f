import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { messageKinds } from '@shop/contracts';
import { EventConsumer } from '@shop/messaging';
import { CountOrderEventsHandler } from './count-order-events.handler.js';

/** analytics' Kafka entry: order events, in consumer group `analytics`. */
@Controller()
export class OrderEventsKafkaConsumer {
  constructor(
    private readonly events: EventConsumer,
    private readonly count: CountOrderEventsHandler,
  ) {}

  @EventPattern(messageKinds['order.completed.v1'].route.topic)
  onOrderCompleted(@Ctx() context: KafkaContext) {
    return this.events.consume('order.completed.v1', context, (event) =>
      this.count.orderCompleted(event),
    );
  }

  // v2 only: the group moved off v1, which checkout still writes for outside consumers.
  @EventPattern(messageKinds['order.cancelled.v2'].route.topic)
  onOrderCancelled(@Ctx() context: KafkaContext) {
    return this.events.consume('order.cancelled.v2', context, (event) =>
      this.count.orderCancelled(event),
    );
  }
}
