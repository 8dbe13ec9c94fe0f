import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { messageKinds } from '@shop/contracts';
import { EventConsumer } from '@shop/messaging';
import { CompleteOrderHandler } from './complete-order.handler.js';

/** checkout's Kafka entry for enrollment's `seat-granted`, in consumer group `checkout`. */
@Controller()
export class SeatGrantedKafkaConsumer {
  constructor(
    private readonly events: EventConsumer,
    private readonly completeOrder: CompleteOrderHandler,
  ) {}

  @EventPattern(messageKinds['enrollment.seat-granted.v1'].route.topic)
  onSeatGranted(@Ctx() context: KafkaContext) {
    return this.events.consume('enrollment.seat-granted.v1', context, (event) =>
      this.completeOrder.execute(event),
    );
  }
}
