import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TABLE } from '../../src/handlers/api-table.js';
import { start, type RunningBroker } from '../../src/index.js';
import { Reader } from '../../src/protocol/reader.js';
import { CORRELATION_ID, DEFAULT_REQUESTS, exchange } from './raw-exchange.js';

// Every version of every implemented API, with the request body as Kafka 4.4's own
// generated classes write it (default values; regenerate with
// test/fixtures/kafka-requests/SweepRequests.java). Each must be answered with a
// response the broker's codec reads back whole, or refused like Kafka refuses it.
describe('every request version Kafka 4.4 knows', () => {
  let broker: RunningBroker;
  beforeAll(
    async () => (broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'silent' })),
  );
  afterAll(() => broker.stop());

  it('answers each accepted version with a whole, readable response and refuses only the unstable ones', async () => {
    const refused: string[] = [];
    for (const fixture of DEFAULT_REQUESTS) {
      const entry = API_TABLE.get(fixture.apiKey);
      if (!entry) throw new Error(`no API ${fixture.apiKey}`);
      const name = `${entry.handler.name} v${fixture.version}`;
      const response = await exchange(broker.address, fixture);
      if (response === null) {
        refused.push(name);
        continue;
      }
      const reader = new Reader(response);
      expect(reader.int32(), name).toBe(CORRELATION_ID);
      const flexibleHeader = entry.response.isFlexible(fixture.version) && fixture.apiKey !== 18;
      if (flexibleHeader) expect(reader.uvarint(), `${name} header tags`).toBe(0);
      entry.response.decode(reader, fixture.version);
      expect(reader.remaining, `${name} trailing bytes`).toBe(0);
    }
    // Kafka 4.4 marks InitProducerId v6 unstable and does not enable it by default.
    expect(refused).toEqual(['InitProducerId v6']);
  });
});
