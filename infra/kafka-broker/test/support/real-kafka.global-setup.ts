import { realKafkaUnavailableReason, startRealKafka } from '@shop/real-kafka';
import type { TestProject } from 'vitest/node';
import { NODE_ID } from '../../src/handlers/api-handler.js';
import { kafkaClient, SCENARIO_SASL_USERS, SHARED_BROKER_LIMITS } from './kafka-under-test.js';

declare module 'vitest' {
  export interface ProvidedContext {
    // The real Kafka of this run, or why there is none.
    realKafka: { brokers: string; saslBrokers: string } | { skipReason: string };
  }
}

/**
 * Starts one real Apache Kafka for the whole run (6–9 s on a quiet machine,
 * far longer on a loaded one), with the same limits as the embedded broker.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = realKafkaUnavailableReason();
  if (reason !== undefined) {
    if (process.env.REQUIRE_REAL_KAFKA === '1')
      throw new Error(`REQUIRE_REAL_KAFKA=1 but ${reason}`);
    console.warn(`[kafka-broker] real-Kafka half of the differential suite skipped: ${reason}`);
    project.provide('realKafka', { skipReason: reason });
    return () => Promise.resolve();
  }
  const kafka = await startRealKafka({
    properties: {
      'message.max.bytes': SHARED_BROKER_LIMITS.maxBatchBytes,
      // The stand-in's node id, so Metadata and FindCoordinator answers compare as they are.
      'node.id': NODE_ID,
    },
    // A second listener, SASL_PLAINTEXT, for the authentication scenarios.
    sasl: { users: SCENARIO_SASL_USERS, port: 0 },
  });
  try {
    await warmUpGroupCoordinator(kafka.brokers);
  } catch (error) {
    await kafka.stop();
    throw error;
  }
  if (kafka.saslBrokers === undefined)
    throw new Error('real Kafka started without its SASL listener');
  project.provide('realKafka', { brokers: kafka.brokers, saslBrokers: kafka.saslBrokers });
  return () => kafka.stop();
}

// A fresh Kafka creates __consumer_offsets on the first group request and
// answers NOT_COORDINATOR until it has loaded it (seconds under load). That is
// start-up, not behaviour: scenarios begin once a group offset can be stored.
async function warmUpGroupCoordinator(brokers: string): Promise<void> {
  const admin = kafkaClient([brokers], { retry: { retries: 30, maxRetryTime: 2000 } }).admin();
  await admin.connect();
  try {
    const topic = 'warm-up';
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: false });
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        await admin.setOffsets({
          groupId: topic,
          topic,
          partitions: [{ partition: 0, offset: '0' }],
        });
        await admin.fetchOffsets({ groupId: topic, topics: [topic] });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
