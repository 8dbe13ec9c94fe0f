import { randomUUID } from 'node:crypto';
import {
  Kafka,
  logLevel,
  type EachBatchPayload,
  type EachMessagePayload,
  type KafkaConfig,
} from 'kafkajs';
import { start, type BrokerOptions, type RunningBroker } from '../../src/index.js';

/** Set KAFKA_BROKERS=host:port[,…] to run the suite against a real Kafka instead. */
export const realKafkaBrokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
export const usingRealKafka = realKafkaBrokers !== undefined && realKafkaBrokers.length > 0;

export interface KafkaUnderTest {
  readonly brokers: string[];
  /** The embedded broker, or undefined against a real Kafka. */
  readonly embedded: RunningBroker | undefined;
  client(config?: Partial<KafkaConfig>): Kafka;
  stop(): Promise<void>;
}

/** Embedded-broker settings for fast tests; a real Kafka has its own. */
export const TEST_BROKER_OPTIONS: Partial<BrokerOptions> = {
  initialRebalanceDelayMs: 0,
  logLevel: process.env.KAFKA_BROKER_LOG_LEVEL === 'debug' ? 'debug' : 'warn',
  logFormat: 'plain',
};

export async function startKafkaUnderTest(
  options: Partial<BrokerOptions> = {},
): Promise<KafkaUnderTest> {
  const embedded = usingRealKafka
    ? undefined
    : await start({ port: 0, ...TEST_BROKER_OPTIONS, ...options });
  const brokers = realKafkaBrokers ?? [embedded?.address ?? ''];
  return {
    brokers,
    embedded,
    client: (config = {}) => kafkaClient(brokers, config),
    stop: async () => embedded?.stop(),
  };
}

export function kafkaClient(brokers: string[], config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: 'compat-suite',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 },
    ...config,
  });
}

/** Topic and group names unique per test, so the suite can share a real cluster. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Fast group settings: rebalances take about maxWait + heartbeat interval. */
export const FAST_CONSUMER = {
  maxWaitTimeInMs: 100,
  heartbeatInterval: 200,
  sessionTimeout: 6000,
  rebalanceTimeout: 4000,
} as const;

/** A kafkajs eachMessage handler from a synchronous callback (the lint rules want no async without await). */
export function onEachMessage(
  handle: (payload: EachMessagePayload) => unknown,
): (payload: EachMessagePayload) => Promise<void> {
  return (payload) => {
    handle(payload);
    return Promise.resolve();
  };
}

export function onEachBatch(
  handle: (payload: EachBatchPayload) => unknown,
): (payload: EachBatchPayload) => Promise<void> {
  return (payload) => {
    handle(payload);
    return Promise.resolve();
  };
}
