import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAST_CONSUMER,
  startKafkaUnderTest,
  uniqueName,
  usingRealKafka,
  waitFor,
  type KafkaUnderTest,
  onEachMessage,
} from '../support/kafka-under-test.js';

// Section 1: the (API, version) pairs kafkajs really uses. A kafkajs upgrade
// that changes them makes this fail, and the broker must follow.
describe('API versions kafkajs negotiates', () => {
  let kafka: KafkaUnderTest;
  beforeAll(async () => (kafka = await startKafkaUnderTest()));
  afterAll(() => kafka.stop());

  it('uses the pinned versions for admin, idempotent producer and group member', async () => {
    const used = new Set<string>();
    const record = (event: { payload: { apiName: string; apiVersion: number } }) =>
      used.add(`${event.payload.apiName} v${event.payload.apiVersion}`);
    const client = kafka.client();
    const topic = uniqueName('pin');
    const admin = client.admin();
    admin.on(admin.events.REQUEST, record);
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    const producer = client.producer({ idempotent: true });
    producer.on(producer.events.REQUEST, record);
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'x' }] });
    const consumer = client.consumer({ groupId: uniqueName('pin'), ...FAST_CONSUMER });
    consumer.on(consumer.events.REQUEST, record);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await consumer.run({ eachMessage: onEachMessage(() => seen++) });
    await waitFor(() => seen === 1, 15_000, 'the message');
    await waitFor(() => used.has('Heartbeat v3'), 5_000, 'a heartbeat');
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
    expect([...used].sort()).toEqual(
      expect.arrayContaining([
        // FindCoordinator v2 is sent too, on a path kafkajs does not instrument.
        'ApiVersions v2',
        'CreateTopics v3',
        'Fetch v11',
        'Heartbeat v3',
        'InitProducerId v1',
        'JoinGroup v5',
        'LeaveGroup v3',
        'ListOffsets v3',
        'Metadata v6',
        'OffsetCommit v5',
        'OffsetFetch v4',
        'Produce v7',
        'SyncGroup v3',
      ]),
    );
    expect([...used].every((pair) => /^[A-Za-z]+ v\d+$/.test(pair))).toBe(true);
  });

  // Real Kafka 4.4 answers these exactly so (captured from a broker): no skip.
  it('answers an ApiVersions version it does not know in the v0 layout, listing only its own range', async () => {
    const response = await rawRequest(kafka.brokers[0]!, 18, 9, true);
    // correlation id 7, UNSUPPORTED_VERSION (35), [ApiVersions 0–5]
    expect(response?.toString('hex')).toBe('00000007002300000001001200000005');
  });

  it.each([
    ['an unknown API key', 999, 0],
    ['a version above the highest', 3, 99],
  ])('closes the connection unanswered on %s', async (_what, apiKey, version) => {
    expect(await rawRequest(kafka.brokers[0]!, apiKey, version, false)).toBeNull();
  });

  it.skipIf(usingRealKafka)(
    'makes a transactional producer fail fast with a clear error (embedded only)',
    async () => {
      const producer = kafka
        .client()
        .producer({ transactionalId: uniqueName('tx'), maxInFlightRequests: 1, idempotent: true });
      await producer.connect();
      let failure: unknown;
      try {
        const transaction = await producer.transaction();
        await transaction.send({ topic: uniqueName('tx'), messages: [{ value: 'x' }] });
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(Error);
      expect(String(failure)).toMatch(/not support|UNSUPPORTED|version/i);
      await producer.disconnect();
    },
  );
});

// One request with an empty body; null when the broker closes the connection unanswered.
function rawRequest(
  address: string,
  apiKey: number,
  version: number,
  flexibleHeader: boolean,
): Promise<Buffer | null> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => {
      const clientId = Buffer.from('raw');
      const tags = flexibleHeader ? 1 : 0;
      const frame = Buffer.alloc(4 + 10 + clientId.length + tags);
      frame.writeInt32BE(frame.length - 4, 0);
      frame.writeInt16BE(apiKey, 4);
      frame.writeInt16BE(version, 6);
      frame.writeInt32BE(7, 8);
      frame.writeInt16BE(clientId.length, 12);
      clientId.copy(frame, 14);
      socket.write(frame);
    });
    let data = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 4 && data.length >= 4 + data.readInt32BE(0)) {
        socket.destroy();
        resolve(data.subarray(4));
      }
    });
    socket.on('close', () => {
      resolve(null);
    });
    socket.on('error', reject);
  });
}
