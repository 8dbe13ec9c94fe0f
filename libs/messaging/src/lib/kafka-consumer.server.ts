import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { KafkaConsumerState } from './kafka-consumer.state.js';

/** Nest's Kafka server, reporting its consumer's membership to the readiness state. */
export class KafkaConsumerServer extends ServerKafka {
  constructor(
    options: NonNullable<KafkaOptions['options']>,
    private readonly state: KafkaConsumerState,
  ) {
    super(options);
  }

  // Runs once the consumer exists and before it connects, so no event is missed.
  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    if (this.consumer) this.state.watch(this.consumer);
  }
}
