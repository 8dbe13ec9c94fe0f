import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { messageKinds } from '@shop/contracts';
import { EventConsumer } from '@shop/messaging';
import { SendReceiptHandler } from './send-receipt.handler.js';

/** notification's Kafka entry: order events, in consumer group `notification`. */
@Controller()
export class OrderEventsKafkaConsumer {
  constructor(
    private readonly events: EventConsumer,
    private readonly sendReceipt: SendReceiptHandler,
  ) {}

  @EventPattern(messageKinds['order.completed.v1'].route.topic)
  onOrderCompleted(@Ctx() context: KafkaContext) {
    return this.events.consume('order.completed.v1', context, (event) =>
      this.sendReceipt.execute(event),
    );
  }
}
