import type { ClientBase } from 'pg';
import type { OutboxMessage, OutboxTransport } from '../outbox-message.js';
import { correlationIdOf, tracePublish } from '../tracing/outbox-spans.js';
import { NotificationListener } from './notification-listener.js';
import { OutboxRelayMetrics } from './outbox-relay.metrics.js';
import {
  claimDueHeads,
  markFailed,
  markSent,
  purgeSentBefore,
  readLag,
  retryBackedOffNow,
  type OutboxLag,
} from './outbox.queries.js';
import {
  resolveRelayOptions,
  type OutboxRelayOptions,
  type ResolvedRelayOptions,
} from './outbox-relay.options.js';
import { retryDelayMs } from './retry-backoff.js';
import { Wakeup } from './wakeup.js';

/**
 * The relay half of the transactional outbox: claims committed, due rows,
 * publishes them and marks them sent once the broker confirmed. At-least-once,
 * in order per message key; any number of relays may run against one table.
 */
export class OutboxRelay {
  private readonly options: ResolvedRelayOptions;
  private readonly wakeup = new Wakeup();
  private readonly listener: NotificationListener;
  private readonly metrics: OutboxRelayMetrics;
  private running = false;
  private loop: Promise<void> | undefined;
  private lastPurgeAt = 0;
  // Transports whose last batch failed every publish: their broker looks away.
  private readonly unreachable = new Set<OutboxTransport>();
  // A connection dies when PostgreSQL restarts; pg reports it as an 'error'
  // event (on the pool for idle ones, on the client for a checked-out one),
  // which would crash the process if nobody listened.
  private readonly onIdleConnectionError = (error: Error) => {
    this.options.logger.warn({ err: error }, 'outbox relay: a database connection failed');
  };

  constructor(options: OutboxRelayOptions) {
    this.options = resolveRelayOptions(options);
    this.metrics = new OutboxRelayMetrics(this.options.name, () => this.lag());
    this.listener = new NotificationListener({
      pool: this.options.pool,
      channel: this.options.channel,
      reconnectDelayMs: this.options.listenReconnectDelayMs,
      onWake: () => {
        this.wakeup.wake();
      },
      onError: (error) => {
        this.options.logger.warn({ err: error }, 'outbox relay lost its LISTEN connection');
      },
    });
  }

  /** Starts listening and relaying; resolves once the first LISTEN attempt is over. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.options.pool.on('error', this.onIdleConnectionError);
    this.metrics.start();
    await this.listener.open();
    this.loop = this.run();
  }

  /** Stops relaying: waits for the batch in flight, then closes LISTEN and the publishers. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeup.wake();
    await this.loop;
    await this.listener.close();
    await Promise.all(Object.values(this.options.publishers).map((p) => p.close()));
    this.metrics.stop();
    this.options.pool.off('error', this.onIdleConnectionError);
  }

  /** Unsent rows and the age of the oldest, for health checks and metrics. */
  lag(): Promise<OutboxLag> {
    return readLag(this.options.pool);
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.drain();
      await this.purgeOldSentRows();
      await this.wakeup.wait(this.options.pollIntervalMs);
    }
  }

  // Sent rows are history: kept for keepSentMs, then deleted, so the table
  // does not grow with every message ever sent. Any relay may do it.
  private async purgeOldSentRows(): Promise<void> {
    const { keepSentMs, purgeIntervalMs } = this.options;
    if (Date.now() - this.lastPurgeAt < purgeIntervalMs) return;
    this.lastPurgeAt = Date.now();
    try {
      await purgeSentBefore(this.options.pool, keepSentMs);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'outbox relay could not delete old sent rows');
    }
  }

  // Batch after batch while there may be more due, so a burst is not paced
  // by the poll interval. A batch that was not full and left no successor
  // waiting means nothing more is due now: rows committed meanwhile have
  // notified, and the wakeup remembers that.
  private async drain(): Promise<void> {
    try {
      let more = true;
      while (more && this.running) more = await this.relayBatch();
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        'outbox relay batch failed; retrying on the next poll',
      );
    }
  }

  /** One transaction: claim, publish, record outcomes. Returns whether more may be due. */
  private async relayBatch(): Promise<boolean> {
    const client = await this.options.pool.connect();
    // The connection can die while no query runs on it (during publishing);
    // pg reports that as an 'error' event on the checked-out client. Hear it,
    // and the next query fails, rolling the batch back for a later retry.
    client.on('error', this.onIdleConnectionError);
    try {
      await client.query('BEGIN');
      const { messages: claimed, successorsWaiting } = await claimDueHeads(
        client,
        this.options.batchSize,
      );
      // One row per key at most, so the batch can be published concurrently.
      const outcomes = await Promise.allSettled(
        claimed.map((message) => tracePublish(message, (outgoing) => this.publish(outgoing))),
      );
      const sent = claimed.filter((_, i) => outcomes[i]?.status === 'fulfilled').map((m) => m.id);
      await markSent(client, sent);
      this.countPublishes(claimed, outcomes);
      for (const [i, outcome] of outcomes.entries()) {
        const message = claimed[i];
        if (outcome.status === 'fulfilled' || !message) continue;
        const delay = retryDelayMs(message.attempts + 1, this.options.retryBackoff);
        await markFailed(client, message.id, delay);
        this.options.logger.warn(
          {
            err: outcome.reason as unknown,
            outboxId: message.id,
            correlationId: correlationIdOf(message),
            attempts: message.attempts + 1,
            retryInMs: delay,
          },
          'outbox publish failed',
        );
      }
      const retryingNow = await this.retryWhenBrokerIsBack(client, claimed, outcomes);
      await client.query('COMMIT');
      client.off('error', this.onIdleConnectionError);
      client.release();
      return claimed.length === this.options.batchSize || successorsWaiting || retryingNow > 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.off('error', this.onIdleConnectionError);
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  // A batch whose every publish to a transport failed says its broker is
  // away; the next one whose publishes to it all succeed says it is back.
  // Then the rows that backed off meanwhile (up to retryBackoff.maxMs) are
  // due at once, in this batch's transaction: no extra commit. A row that
  // fails for what it carries fails among successes, which never marks the
  // broker away: it keeps its backoff.
  private async retryWhenBrokerIsBack(
    client: ClientBase,
    claimed: readonly OutboxMessage[],
    outcomes: readonly PromiseSettledResult<unknown>[],
  ): Promise<number> {
    let retrying = 0;
    for (const transport of ['KAFKA', 'AMQP'] as const) {
      const mine = outcomes.filter((_, i) => claimed[i]?.destination.transport === transport);
      if (mine.length === 0) continue;
      const failed = mine.filter((outcome) => outcome.status === 'rejected').length;
      if (failed === mine.length) this.unreachable.add(transport);
      else if (failed === 0 && this.unreachable.delete(transport))
        retrying += await retryBackedOffNow(client, transport);
    }
    return retrying;
  }

  private countPublishes(
    claimed: readonly OutboxMessage[],
    outcomes: readonly PromiseSettledResult<unknown>[],
  ): void {
    for (const transport of ['KAFKA', 'AMQP'] as const) {
      const of = (status: PromiseSettledResult<unknown>['status']) =>
        claimed.filter(
          (m, i) => m.destination.transport === transport && outcomes[i]?.status === status,
        ).length;
      this.metrics.publishes(transport, 'sent', of('fulfilled'));
      this.metrics.publishes(transport, 'failed', of('rejected'));
    }
  }

  private async publish(message: OutboxMessage): Promise<void> {
    const { transport } = message.destination;
    const publisher = this.options.publishers[transport];
    if (!publisher) throw new Error(`no publisher for transport ${transport}`);
    const { publishTimeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`publish not confirmed within ${publishTimeoutMs} ms`));
      }, publishTimeoutMs);
    });
    try {
      await Promise.race([publisher.publish(message), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
