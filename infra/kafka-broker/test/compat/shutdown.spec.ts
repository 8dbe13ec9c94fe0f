import { describe, expect, it } from 'vitest';
import { start } from '../../src/index.js';
import {
  FAST_CONSUMER,
  kafkaClient,
  TEST_BROKER_OPTIONS,
  uniqueName,
  usingRealKafka,
  onEachMessage,
} from '../support/kafka-under-test.js';

const countResources = () =>
  process
    .getActiveResourcesInfo()
    .filter((kind) => kind === 'TCPServerWrap' || kind === 'TCPSocketWrap' || kind === 'Timeout')
    .length;

// Section 8: stop() answers a parked long-poll and leaves nothing running.
describe.skipIf(usingRealKafka)('shutdown (embedded broker only)', () => {
  it('answers a parked fetch, closes every socket and timer, and leaves no open handles', async () => {
    const before = countResources();
    const broker = await start({ port: 0, ...TEST_BROKER_OPTIONS });
    const topic = uniqueName('shutdown');
    const client = kafkaClient([broker.address], { retry: { retries: 0 } });
    const consumer = client.consumer({
      groupId: uniqueName('shutdown'),
      ...FAST_CONSUMER,
      maxWaitTimeInMs: 10_000,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let fetching = false;
    consumer.on(consumer.events.FETCH_START, () => (fetching = true));
    await consumer.run({ eachMessage: onEachMessage(() => undefined) });
    // A Fetch is on its way, to be parked for up to 10 s on an empty topic.
    await expect.poll(() => fetching, { timeout: 10_000 }).toBe(true);

    const stopping = Date.now();
    await broker.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    await consumer.disconnect().catch(() => undefined);
    // Not expect.poll: its own timers would be counted. The sockets close on the next turns.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(countResources()).toBeLessThanOrEqual(before);
  });
});
