import { start, type RunningBroker } from '@shop/kafka-broker';
import { DeadLetterHeaders } from '@shop/contracts';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsumerTestApp, type ConsumerTestApp } from './support/consumer-test.app.js';
import { KafkaTestClient } from '../src/testing/index.js';

const TOPIC = 'order.completed.v1';
const GROUPS = ['receipts-test', 'stats-test'] as const;
const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

// Two groups consume the same topic (as notification and analytics do): each
// refuses the same invalid message, and each must say so once, as itself.
describe('dead letters of two consumer groups of one topic', () => {
  let broker: RunningBroker;
  const readers = new Map<string, KafkaTestClient>();
  const services: ConsumerTestApp[] = [];

  beforeAll(async () => {
    broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'warn' });
    for (const group of GROUPS) {
      const reader = new KafkaTestClient(broker.address);
      await reader.connect(TOPIC, group);
      readers.set(group, reader);
      services.push(await startConsumerTestApp(broker.address, group, { maxAttempts: 1 }));
    }
  }, 60_000);
  afterAll(async () => {
    for (const service of services) await service.app.close();
    for (const reader of readers.values()) await reader.disconnect();
    await broker.stop();
  });

  it('parks the message once per group, each entry naming its group and the reason', async () => {
    const publisher = readers.get(GROUPS[0])!;
    await publisher.publishRaw(TOPIC, 'order-refused-by-both', '{"specversion":"1.0"}');
    // A later refusal seen by both: the first one's entries are all in by then.
    await publisher.publishRaw(TOPIC, 'order-later', 'not json');
    for (const group of GROUPS) {
      const reader = readers.get(group)!;
      await expect
        .poll(() => reader.deadLetters.some((m) => m.key?.toString() === 'order-later'), {
          timeout: 30_000,
          message: `${group}'s later dead letter`,
        })
        .toBe(true);
      const entries = reader.deadLetters.filter(
        (m) => m.key?.toString() === 'order-refused-by-both',
      );
      expect(entries.map((m) => header(m, DeadLetterHeaders.group))).toEqual([group]);
      expect(header(entries[0]!, DeadLetterHeaders.code)).toBe('INVALID_ENVELOPE');
      expect(header(entries[0]!, DeadLetterHeaders.reason)).toMatch(/missing or empty attribute/);
    }
  });
});
