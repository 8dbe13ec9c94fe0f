import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { messageKinds } from '@shop/contracts';
import { EventConsumer } from '@shop/messaging';
import { CompensateOrderHandler } from './compensate-order/compensate-order.handler.js';
import { CompleteOrderHandler } from './complete-order/complete-order.handler.js';

/** checkout's Kafka entry: enrollment's results, in consumer group `checkout`. */
@Controller()
export class SeatEventsKafkaConsumer {
  constructor(
    private readonly events: EventConsumer,
    private readonly completeOrder: CompleteOrderHandler,
    private readonly compensateOrder: CompensateOrderHandler,
  ) {}

  @EventPattern(messageKinds['enrollment.seat-granted.v1'].route.topic)
  onSeatGranted(@Ctx() context: KafkaContext) {
    return this.events.consume('enrollment.seat-granted.v1', context, (event) =>
      this.completeOrder.execute(event),
    );
  }

  @EventPattern(messageKinds['enrollment.seat-rejected.v1'].route.topic)
  onSeatRejected(@Ctx() context: KafkaContext) {
    return this.events.consume('enrollment.seat-rejected.v1', context, (event) =>
      this.compensateOrder.execute(event),
    );
  }
}
