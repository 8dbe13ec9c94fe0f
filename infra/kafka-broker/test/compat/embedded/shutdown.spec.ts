import { describe, expect, it } from 'vitest';
import { start } from '../../../src/index.js';
import {
  FAST_CONSUMER,
  kafkaClient,
  TEST_BROKER_OPTIONS,
  uniqueName,
  onEachMessage,
} from '../../support/kafka-under-test.js';

const countResources = () =>
  process
    .getActiveResourcesInfo()
    .filter((kind) => kind === 'TCPServerWrap' || kind === 'TCPSocketWrap' || kind === 'Timeout')
    .length;

// Section 8: stop() answers a parked long-poll and leaves nothing running.
describe('shutdown (embedded broker only)', () => {
  it('answers a parked fetch, closes every socket and timer, and leaves no open handles', async () => {
    const before = countResources();
    const broker = await start({ port: 0, ...TEST_BROKER_OPTIONS });
    const topic = uniqueName('shutdown');
    const client = kafkaClient([broker.address], { retry: { retries: 0 } });
    // Subscribing needs the topic to exist, as on Kafka 4.
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }] });
    await admin.disconnect();
    const consumer = client.consumer({
      groupId: uniqueName('shutdown'),
      ...FAST_CONSUMER,
      maxWaitTimeInMs: 60_000,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let fetching = false;
    consumer.on(consumer.events.FETCH_START, () => (fetching = true));
    await consumer.run({ eachMessage: onEachMessage(() => undefined) });
    // A Fetch is on its way, to be parked for up to 60 s on an empty topic.
    await expect.poll(() => fetching, { timeout: 10_000 }).toBe(true);

    const stopping = Date.now();
    await broker.stop();
    // Far below the parked fetch's 60 s, with room for a loaded machine.
    expect(Date.now() - stopping).toBeLessThan(20_000);
    await consumer.disconnect().catch(() => undefined);
    // Not expect.poll: its own timers would be counted. The sockets close on the next turns.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(countResources()).toBeLessThanOrEqual(before);
  });
});
