import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDroppingProxy } from '../support/dropping-proxy.js';
import {
  kafkaClient,
  startKafkaUnderTest,
  uniqueName,
  type KafkaUnderTest,
} from '../support/kafka-under-test.js';

// Section 4. Needs a single-node cluster: the proxy stands in for its one broker.
describe('idempotent producer', () => {
  let kafka: KafkaUnderTest;
  beforeAll(async () => (kafka = await startKafkaUnderTest()));
  afterAll(() => kafka.stop());

  it('acknowledges a resent duplicate with its original offset instead of storing it twice', async () => {
    const topic = uniqueName('idem');
    const admin = kafka.client().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }] });
    const proxy = await startDroppingProxy(kafka.brokers[0]!);
    const producer = kafkaClient([proxy.address]).producer({
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'one' }] });

    proxy.dropNextProduceResponse();
    const [resent] = await producer.send({
      topic,
      messages: [{ value: 'two' }, { value: 'three' }],
    });

    expect(proxy.droppedCount()).toBe(1);
    expect(resent).toMatchObject({ errorCode: 0, baseOffset: '1' });
    expect(await admin.fetchTopicOffsets(topic)).toEqual([
      { partition: 0, offset: '3', high: '3', low: '0' },
    ]);
    await producer.disconnect();
    await proxy.stop();
    await admin.disconnect();
  });
});
