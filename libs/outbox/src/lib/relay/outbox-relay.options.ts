import type { Pool } from 'pg';
import type { OutboxTransport } from '../outbox-message.js';
import type { OutboxPublisher } from '../publishers/outbox-publisher.js';
import { OUTBOX_CHANNEL } from '../writer/outbox.js';
import { DEFAULT_RETRY_BACKOFF, type RetryBackoff } from './retry-backoff.js';

/** Where the relay reports what it cannot throw: a pino logger or `console` fits. */
export interface OutboxRelayLogger {
  warn(context: object, message: string): void;
}

export interface OutboxRelayOptions {
  /** A pool on the service's DATABASE_URL; the relay holds one of its connections for LISTEN. */
  readonly pool: Pool;
  /** One publisher per destination; rows for a missing one wait (and back off). */
  readonly publishers: Partial<Record<OutboxTransport, OutboxPublisher>>;
  /** Rows claimed per transaction (at most one per key). Default 50. */
  readonly batchSize?: number;
  /** Fallback poll when no notification arrives. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** A publish that takes longer counts as failed. Default 10 000 ms. */
  readonly publishTimeoutMs?: number;
  readonly retryBackoff?: RetryBackoff;
  /**
   * How long sent rows are kept (for inspection, and to answer "was it
   * sent?") before the relay deletes them. Default 24 h.
   */
  readonly keepSentMs?: number;
  /** How often the relay deletes sent rows older than `keepSentMs`. Default 60 000 ms. */
  readonly purgeIntervalMs?: number;
  /** Wait before re-opening a lost LISTEN connection. Default 1000 ms. */
  readonly listenReconnectDelayMs?: number;
  readonly channel?: string;
  readonly logger?: OutboxRelayLogger;
  /** The relay's name in metrics (`shop.outbox.relay`): the producing service. Default `outbox`. */
  readonly name?: string;
}

export type ResolvedRelayOptions = Required<OutboxRelayOptions>;

const SILENT: OutboxRelayLogger = { warn: () => undefined };

export function resolveRelayOptions(options: OutboxRelayOptions): ResolvedRelayOptions {
  return {
    pool: options.pool,
    publishers: options.publishers,
    batchSize: options.batchSize ?? 50,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    publishTimeoutMs: options.publishTimeoutMs ?? 10_000,
    retryBackoff: options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
    keepSentMs: options.keepSentMs ?? 24 * 60 * 60 * 1000,
    purgeIntervalMs: options.purgeIntervalMs ?? 60_000,
    listenReconnectDelayMs: options.listenReconnectDelayMs ?? 1000,
    channel: options.channel ?? OUTBOX_CHANNEL,
    logger: options.logger ?? SILENT,
    name: options.name ?? 'outbox',
  };
}
