import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBroker } from '../../../src/index.js';
import { kafkaClient, startEmbeddedBroker, uniqueName } from '../../support/kafka-under-test.js';

// Real Kafka implements transactions; the stand-in does not advertise them.
describe('transactions (embedded broker only: it has none)', () => {
  let broker: RunningBroker;
  beforeAll(async () => (broker = await startEmbeddedBroker()));
  afterAll(() => broker.stop());

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
