import { positiveInt } from '@shop/config';
import { DEFAULT_MAX_BATCH_MESSAGES, type KafkaConsumerTiming } from './kafka-consumer.options.js';

/**
 * How fast a consumer group notices a dead member, the same names in every
 * service with a Kafka consumer: spread into the service's config schema
 * (`z.object({ ...kafkaConsumerTimingConfig, … })`). Why these defaults:
 * docs/failure-behaviour.md ("A consumer's partitions after a crash").
 */
export const kafkaConsumerTimingConfig = {
  KAFKA_SESSION_TIMEOUT_MS: positiveInt(
    6_000,
    "How long the group waits for a silent member before it drops it and hands its partitions on: a crashed instance's successor waits up to this long. 6000 is the brokers' lowest allowed (group.min.session.timeout.ms); one handler attempt or event-loop stall longer than this costs a rebalance and a redelivery.",
  ),
  KAFKA_HEARTBEAT_INTERVAL_MS: positiveInt(
    1_000,
    'Least time between two heartbeats (kafkajs sends them between fetches and messages only); keep it at most a third of KAFKA_SESSION_TIMEOUT_MS.',
  ),
  KAFKA_MAX_WAIT_MS: positiveInt(
    1_000,
    "Longest a fetch waits for new messages: an idle consumer heartbeats only between fetches, so this must stay well under KAFKA_SESSION_TIMEOUT_MS (kafkajs's 5000 left a 6 s session 1 s of slack).",
  ),
  KAFKA_BATCH_MAX_MESSAGES: positiveInt(
    DEFAULT_MAX_BATCH_MESSAGES,
    'Most messages of one partition a consumer handles in one database transaction (what one fetch brought, never waited for); 1 handles each message alone. docs/patterns/events-consumers.md.',
  ),
};

/** What `kafkaConsumerTiming` reads from the service's parsed config. */
export interface KafkaConsumerTimingConfig {
  readonly KAFKA_SESSION_TIMEOUT_MS: number;
  readonly KAFKA_HEARTBEAT_INTERVAL_MS: number;
  readonly KAFKA_MAX_WAIT_MS: number;
  readonly KAFKA_BATCH_MAX_MESSAGES?: number;
}

/** The consumer timing of `kafkaConsumer(…)` from the service's config. */
export function kafkaConsumerTiming(config: KafkaConsumerTimingConfig): KafkaConsumerTiming {
  return {
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS,
    maxWaitTimeMs: config.KAFKA_MAX_WAIT_MS,
    ...(config.KAFKA_BATCH_MAX_MESSAGES === undefined
      ? {}
      : { maxBatchMessages: config.KAFKA_BATCH_MAX_MESSAGES }),
  };
}
