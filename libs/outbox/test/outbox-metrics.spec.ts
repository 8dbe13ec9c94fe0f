import { metricsExposition } from '@shop/metrics';
import { parseExposition, valueOf } from '@shop/metrics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../src/index.js';
import { RecordingPublisher } from '../src/testing/index.js';
import {
  enqueueCommitted,
  orderEvent,
  startOutboxDatabase,
  type OutboxDatabase,
} from './support/outbox-database.js';

let db: OutboxDatabase;
beforeAll(async () => {
  db = await startOutboxDatabase();
});
afterAll(async () => {
  await db.stop();
});

const relayLabel = { shop_outbox_relay: 'metrics-spec' };
const scrape = async () => parseExposition(await metricsExposition());
const backlog = async () => valueOf(await scrape(), 'shop_outbox_backlog', relayLabel);

describe('outbox relay metrics, read as Prometheus reads them', () => {
  it('shows a backlog and its age growing while the broker refuses, then draining to zero once it takes them', async () => {
    let brokerUp = false;
    const publisher = new RecordingPublisher({ fail: () => !brokerUp });
    const relay = new OutboxRelay({
      pool: db.pool,
      publishers: { KAFKA: publisher },
      pollIntervalMs: 50,
      retryBackoff: { initialMs: 20, maxMs: 50 },
      name: 'metrics-spec',
    });
    await relay.start();
    try {
      for (let i = 0; i < 3; i++) await enqueueCommitted(db.pool, orderEvent(`order-${i}`, 1));

      await expect.poll(backlog, { timeout: 10_000 }).toBe(3);
      await expect.poll(() => publisher.failures, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      const during = await scrape();
      expect(valueOf(during, 'shop_outbox_oldest_age', relayLabel)).toBeGreaterThan(0);
      const failed = {
        ...relayLabel,
        shop_outbox_transport: 'kafka',
        shop_outbox_outcome: 'failed',
      };
      expect(valueOf(during, 'shop_outbox_publishes_total', failed)).toBeGreaterThanOrEqual(3);

      brokerUp = true;
      await expect.poll(backlog, { timeout: 10_000 }).toBe(0);
      const after = await scrape();
      expect(valueOf(after, 'shop_outbox_oldest_age', relayLabel)).toBe(0);
      const sent = { ...relayLabel, shop_outbox_transport: 'kafka', shop_outbox_outcome: 'sent' };
      expect(valueOf(after, 'shop_outbox_publishes_total', sent)).toBe(3);
    } finally {
      await relay.stop();
    }
  });
});
