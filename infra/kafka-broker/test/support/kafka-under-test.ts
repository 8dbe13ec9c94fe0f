import { randomUUID } from 'node:crypto';
import {
  Kafka,
  logLevel,
  type EachBatchPayload,
  type EachMessagePayload,
  type KafkaConfig,
} from 'kafkajs';
import { vi } from 'vitest';
import { start, type BrokerOptions, type RunningBroker } from '../../src/index.js';

/**
 * Limits set alike on the embedded broker and on the real Kafka of a run, so
 * a scenario sees the same boundary on both (Kafka: `message.max.bytes`).
 */
export const SHARED_BROKER_LIMITS = { maxBatchBytes: 256 * 1024 } as const;

/** SASL/PLAIN users of the authentication scenarios, on both brokers' SASL listeners. */
export const SCENARIO_SASL_USERS = {
  'scenario-admin': 'admin-secret',
  'scenario-app': 'app-secret',
} as const;

/** Embedded-broker settings for fast tests (the real Kafka gets the same: no initial rebalance delay). */
export const TEST_BROKER_OPTIONS: Partial<BrokerOptions> = {
  initialRebalanceDelayMs: 0,
  logLevel: process.env.KAFKA_BROKER_LOG_LEVEL === 'debug' ? 'debug' : 'warn',
  logFormat: 'plain',
  ...SHARED_BROKER_LIMITS,
};

export function startEmbeddedBroker(options: Partial<BrokerOptions> = {}): Promise<RunningBroker> {
  return start({ port: 0, ...TEST_BROKER_OPTIONS, ...options });
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

/** Topic and group names unique per test. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Vitest's own polling (`vi.waitFor`) with the scenario's words in the timeout error. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 25 },
  );
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
