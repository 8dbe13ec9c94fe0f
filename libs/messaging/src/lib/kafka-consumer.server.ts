import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import { ensureTopics } from './ensure-topics.js';
import { ConsumerLagObserver } from './kafka-consumer-lag.js';
import type { KafkaConsumerState } from './kafka-consumer.state.js';

/** Nest's Kafka server, reporting its consumer's membership to the readiness state. */
export class KafkaConsumerServer extends ServerKafka {
  private lag: ConsumerLagObserver | undefined;

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

  // Real Kafka (KRaft) answers the first Metadata request for a missing topic
  // with UNKNOWN_TOPIC_OR_PARTITION while it auto-creates it, and kafkajs's
  // subscribe gives up on that error (it retries only LEADER_NOT_AVAILABLE):
  // the app crashed at start-up on a fresh cluster. Create the topics first.
  public override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (this.client) {
      await ensureTopics(this.client, topics);
      // The group's lag, in /metrics: read from the broker at each scrape.
      this.lag = new ConsumerLagObserver(
        this.client.admin({ retry: { retries: 0 } }),
        this.groupId,
        topics,
      );
      this.lag.start();
    }
    await super.bindEvents(consumer);
  }

  public override async close(): Promise<void> {
    await this.lag?.stop();
    this.lag = undefined;
    await super.close();
  }
}
