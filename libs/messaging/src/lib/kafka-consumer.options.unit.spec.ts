import { z } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { kafkaConsumerTiming, kafkaConsumerTimingConfig } from './kafka-consumer-timing.config.js';
import {
  DEFAULT_KAFKA_CONSUMER_TIMING,
  DEFAULT_MAX_BATCH_MESSAGES,
  kafkaConsumerOptions,
} from './kafka-consumer.options.js';

const consumerOf = (timing = {}) =>
  kafkaConsumerOptions({ brokers: '127.0.0.1:9092', groupId: 'g', ...timing }).consumer;

describe('the Kafka consumer timing', () => {
  it("gives kafkajs the brokers' lowest session, with heartbeats and idle fetches well inside it", () => {
    const consumer = consumerOf();
    expect(consumer).toMatchObject({
      sessionTimeout: 6_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 1_000,
    });
    // kafkajs heartbeats only between fetches: an idle fetch must return long before the session lapses.
    expect(consumer?.maxWaitTimeInMs).toBeLessThanOrEqual(consumer!.sessionTimeout! / 3);
    expect(consumer?.heartbeatInterval).toBeLessThanOrEqual(consumer!.sessionTimeout! / 3);
  });

  it("takes the service's settings from its environment, with the same defaults", () => {
    const defaults = z.object(kafkaConsumerTimingConfig).parse({});
    expect(kafkaConsumerTiming(defaults)).toEqual({
      ...DEFAULT_KAFKA_CONSUMER_TIMING,
      maxBatchMessages: DEFAULT_MAX_BATCH_MESSAGES,
    });
    const consumer = consumerOf(
      kafkaConsumerTiming({
        KAFKA_SESSION_TIMEOUT_MS: 10_000,
        KAFKA_HEARTBEAT_INTERVAL_MS: 2_000,
        KAFKA_MAX_WAIT_MS: 3_000,
      }),
    );
    expect(consumer).toMatchObject({
      sessionTimeout: 10_000,
      heartbeatInterval: 2_000,
      maxWaitTimeInMs: 3_000,
    });
  });
});
