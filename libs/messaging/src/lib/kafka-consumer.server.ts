import { Logger } from '@nestjs/common';
import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { KafkaBatchRunner } from './batch/kafka-batch-runner.js';
import { ensureTopics } from './ensure-topics.js';
import { ConsumerLagObserver } from './kafka-consumer-lag.js';
import type { KafkaConsumerState } from './kafka-consumer.state.js';

/**
 * Nest's Kafka server, reporting its consumer's membership to the readiness
 * state; with `maxBatchMessages` > 1 it consumes with kafkajs `eachBatch`
 * (`KafkaBatchRunner`: several messages of a partition per transaction).
 */
export class KafkaConsumerServer extends ServerKafka {
  private lag: ConsumerLagObserver | undefined;
  private readonly batchLogger = new Logger('KafkaBatchRunner');

  constructor(
    options: NonNullable<KafkaOptions['options']>,
    private readonly state: KafkaConsumerState,
    private readonly maxBatchMessages = 1,
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
    if (this.maxBatchMessages <= 1) return super.bindEvents(consumer);
    // As Nest's own bindEvents, with eachBatch for eachMessage.
    if (topics.length > 0) await consumer.subscribe({ ...this.options.subscribe, topics });
    const runner = new KafkaBatchRunner(
      (payload: EachMessagePayload) => this.handleMessage(payload),
      this.maxBatchMessages,
      this.groupId,
      {
        warn: (context) => {
          this.batchLogger.warn(context);
        },
      },
    );
    // kafkajs's instrumentation would give each batch a `receive` span and
    // each message a `process` span under it, linked to its producer: a second
    // delivery in every purchase's timeline. The runner continues each
    // message's trace itself; the fetch loop, started here, records nothing.
    await context.with(suppressTracing(context.active()), () =>
      consumer.run({
        ...this.options.run,
        // Offsets are resolved by the runner, message by message, after their commit.
        eachBatchAutoResolve: false,
        eachBatch: (payload) => runner.eachBatch(payload),
      }),
    );
  }

  public override async close(): Promise<void> {
    await this.lag?.stop();
    this.lag = undefined;
    await super.close();
  }
}
