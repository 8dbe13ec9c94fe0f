import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { messageKinds } from '@shop/contracts';
import { EventConsumer } from '@shop/messaging';
import { CompensateOrderHandler } from './compensate-order.handler.js';

/** checkout's Kafka entry for enrollment's `seat-rejected`, in consumer group `checkout`. */
@Controller()
export class SeatRejectedKafkaConsumer {
  constructor(
    private readonly events: EventConsumer,
    private readonly compensateOrder: CompensateOrderHandler,
  ) {}

  @EventPattern(messageKinds['enrollment.seat-rejected.v1'].route.topic)
  onSeatRejected(@Ctx() context: KafkaContext) {
    return this.events.consume('enrollment.seat-rejected.v1', context, (event) =>
      this.compensateOrder.execute(event),
    );
  }
}
