import type { BatchObservableCallback } from '@opentelemetry/api';
import { shopMeter } from '@shop/metrics';
import type { OutboxTransport } from '../outbox-message.js';
import type { OutboxLag } from './outbox.queries.js';

const meter = shopMeter('@shop/outbox');

const published = meter.createCounter('shop.outbox.publishes', {
  description:
    'Publishes the relay attempted, by transport and outcome (sent: the broker confirmed; failed: retried later).',
});
const backlog = meter.createObservableUpDownCounter('shop.outbox.backlog', {
  description: 'Outbox rows committed but not yet confirmed by the broker.',
});
const oldestAge = meter.createObservableGauge('shop.outbox.oldest_age', {
  unit: 's',
  description: 'Age of the oldest unsent outbox row: how far behind the broker is (0 when none).',
});

/**
 * The metrics of one relay, labelled `shop.outbox.relay` (the producing
 * service). Backlog and oldest age are read from the table at each scrape,
 * so they are true whichever relay sent the rows, and while none runs.
 */
export class OutboxRelayMetrics {
  private readonly attributes: { readonly 'shop.outbox.relay': string };
  private readonly observe: BatchObservableCallback;

  constructor(relay: string, lag: () => Promise<OutboxLag>) {
    this.attributes = { 'shop.outbox.relay': relay };
    this.observe = async (result) => {
      // The database unreachable: no reading, rather than a wrong one.
      const reading = await lag().catch(() => undefined);
      if (!reading) return;
      result.observe(backlog, reading.unsent, this.attributes);
      result.observe(oldestAge, reading.oldestUnsentAgeMs / 1_000, this.attributes);
    };
  }

  /** Observes the table while the relay runs. */
  start(): void {
    meter.addBatchObservableCallback(this.observe, [backlog, oldestAge]);
  }

  stop(): void {
    meter.removeBatchObservableCallback(this.observe, [backlog, oldestAge]);
  }

  publishes(transport: OutboxTransport, outcome: 'sent' | 'failed', count: number): void {
    if (count === 0) return;
    published.add(count, {
      ...this.attributes,
      'shop.outbox.transport': transport.toLowerCase(),
      'shop.outbox.outcome': outcome,
    });
  }
}
