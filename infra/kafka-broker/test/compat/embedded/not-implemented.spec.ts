import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBroker } from '../../../src/index.js';
import { kafkaClient, startEmbeddedBroker, uniqueName } from '../../support/kafka-under-test.js';

// Raw-protocol refusals and the missing transactions: real Kafka implements all of these.
describe('what the stand-in does not implement (embedded broker only)', () => {
  let broker: RunningBroker;
  beforeAll(async () => (broker = await startEmbeddedBroker()));
  afterAll(() => broker.stop());

  it('answers ApiVersions v3 in the v0 layout with UNSUPPORTED_VERSION', async () => {
    const response = await rawRequest(broker.address, 18, 3);
    expect(response.readInt32BE(0)).toBe(7); // correlation id
    expect(response.readInt16BE(4)).toBe(35);
    expect(response.readInt32BE(6)).toBeGreaterThan(10); // the supported list follows
  });

  it('answers an API it does not implement with UNSUPPORTED_VERSION', async () => {
    const response = await rawRequest(broker.address, 24, 1); // AddPartitionsToTxn
    expect(response.readInt16BE(4)).toBe(35);
  });

  it('makes a transactional producer fail fast with a clear error', async () => {
    const producer = kafkaClient([broker.address]).producer({
      transactionalId: uniqueName('tx'),
      maxInFlightRequests: 1,
      idempotent: true,
    });
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
  });
});

function rawRequest(address: string, apiKey: number, version: number): Promise<Buffer> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => {
      const clientId = Buffer.from('raw');
      const frame = Buffer.alloc(4 + 10 + clientId.length);
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
    socket.on('error', reject);
  });
}
