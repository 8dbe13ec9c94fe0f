import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { messageKinds } from '@shop/contracts';
import { EventConsumer } from '@shop/messaging';
import { CompensateTimedOutOrderHandler } from './compensate-timed-out-order.handler.js';

/** checkout's Kafka entry for enrollment's `grant-cancelled`, in consumer group `checkout`. */
@Controller()
export class GrantCancelledKafkaConsumer {
  constructor(
    private readonly events: EventConsumer,
    private readonly compensateTimedOutOrder: CompensateTimedOutOrderHandler,
  ) {}

  @EventPattern(messageKinds['enrollment.grant-cancelled.v1'].route.topic)
  onGrantCancelled(@Ctx() context: KafkaContext) {
    return this.events.consume('enrollment.grant-cancelled.v1', context, (event) =>
      this.compensateTimedOutOrder.execute(event),
    );
  }
}
