import type { LogFormat, LogLevel, Logger } from './logger.js';

/** Options of {@link start}; every one but `port` has a default. */
export interface BrokerOptions {
  /** TCP port; 0 picks a free one (read it from the result). */
  readonly port: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** Host advertised in Metadata/FindCoordinator. Default: the listening host, or the address a client reached when listening on all interfaces. */
  readonly advertisedHost?: string;
  /** Persist topics, logs and committed offsets here; without it everything lives in memory. */
  readonly dataDir?: string;
  /** Create a topic when a client asks Metadata for it (producers and consumers do). Default true. */
  readonly autoCreateTopics?: boolean;
  /** Partitions of an auto-created topic or one created with −1. Default 1. */
  readonly defaultPartitions?: number;
  /** Per-partition retention: drop the oldest segments beyond this many bytes; −1 keeps all. Default 256 MiB. */
  readonly retentionBytes?: number;
  /** Segment size, the unit retention deletes. Default 16 MiB. */
  readonly segmentBytes?: number;
  /** Largest request frame accepted; bigger ones close the connection. Default 100 MiB (Kafka's socket.request.max.bytes). */
  readonly maxFrameBytes?: number;
  /** Close a connection with no bytes in or out for this long. Default 10 min (Kafka's connections.max.idle.ms). */
  readonly connectionsMaxIdleMs?: number;
  /** Largest record set per partition in one Produce. Default 1 MiB + 12 (Kafka's message.max.bytes). */
  readonly maxBatchBytes?: number;
  /** fsync a partition's log before answering an acks=all Produce. Default false. */
  readonly fsyncOnAcksAll?: boolean;
  /** Delay before the first rebalance of an empty group (Kafka: 3000). Default 3000; tests use 0. */
  readonly initialRebalanceDelayMs?: number;
  /** Accepted session timeouts (Kafka: 6000–1800000). */
  readonly minSessionTimeoutMs?: number;
  readonly maxSessionTimeoutMs?: number;
  /** Default 'info'. */
  readonly logLevel?: LogLevel;
  /** Default 'json'. */
  readonly logFormat?: LogFormat;
  /** SASL/PLAIN users (name → password): the listener then requires SASL, as Kafka's SASL_PLAINTEXT. Default: none, no authentication. */
  readonly saslPlainUsers?: Readonly<Record<string, string>>;
  /**
   * Kafka's `super.users` (e.g. `['User:admin']`): turns on ACL authorization as
   * Kafka's StandardAuthorizer does — these principals may do anything, every
   * other one only what ACLs (CreateAcls) allow. Default: no authorizer, everything allowed.
   */
  readonly superUsers?: readonly string[];
  /** Replaces the stderr logger (tests). */
  readonly logger?: Logger;
}

export type ResolvedBrokerOptions = Required<
  Omit<BrokerOptions, 'dataDir' | 'advertisedHost' | 'logger' | 'saslPlainUsers' | 'superUsers'>
> &
  Pick<BrokerOptions, 'dataDir' | 'advertisedHost' | 'logger' | 'saslPlainUsers' | 'superUsers'>;

export const MiB = 1024 * 1024;

export function resolveOptions(options: BrokerOptions): ResolvedBrokerOptions {
  return {
    host: '127.0.0.1',
    autoCreateTopics: true,
    defaultPartitions: 1,
    retentionBytes: 256 * MiB,
    segmentBytes: 16 * MiB,
    maxFrameBytes: 100 * MiB,
    connectionsMaxIdleMs: 600_000,
    maxBatchBytes: MiB + 12,
    fsyncOnAcksAll: false,
    initialRebalanceDelayMs: 3000,
    minSessionTimeoutMs: 6000,
    maxSessionTimeoutMs: 1_800_000,
    logLevel: 'info',
    logFormat: 'json',
    ...stripUndefined(options),
    port: options.port,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
