import { createServer, type AddressInfo, type Socket } from 'node:net';
import {
  resolveOptions,
  type BrokerOptions,
  type ResolvedBrokerOptions,
} from './broker-options.js';
import { AclAuthorizer } from './auth/acl-authorizer.js';
import { GroupCoordinator } from './groups/group-coordinator.js';
import { OffsetStore } from './groups/offset-store.js';
import type { BrokerContext } from './handlers/api-handler.js';
import { ADVERTISED_APIS } from './handlers/api-table.js';
import { ProducerState } from './log/producer-state.js';
import { TopicRegistry } from './log/topic-registry.js';
import { createLogger, type Logger } from './logger.js';
import { Connection } from './network/connection.js';

/** A running broker. */
export interface RunningBroker {
  /** The port it listens on (useful with `port: 0`). */
  readonly port: number;
  readonly host: string;
  /** `host:port`, ready for a client's `brokers` list. */
  readonly address: string;
  /** Stops accepting, answers parked requests, closes sockets, flushes logs. Idempotent. */
  stop(): Promise<void>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Starts a single-node broker speaking the Kafka wire protocol. */
export async function start(options: BrokerOptions): Promise<RunningBroker> {
  const settings = resolveOptions(options);
  const logger = settings.logger ?? createLogger(settings.logLevel, settings.logFormat);
  const stopping = new AbortController();
  const broker = createContext(settings, logger, stopping.signal);
  const { topics, coordinator } = broker;

  const connections = new Set<Connection>();
  let port = 0;
  const advertised = (socket: Socket) => ({
    host:
      settings.advertisedHost ??
      (WILDCARD_HOSTS.has(settings.host) ? (socket.localAddress ?? settings.host) : settings.host),
    port,
  });
  const server = createServer((socket) => {
    logger.debug('connection opened', { client: `${socket.remoteAddress}:${socket.remotePort}` });
    const connection = new Connection(socket, broker, {
      maxFrameBytes: settings.maxFrameBytes,
      maxIdleMs: settings.connectionsMaxIdleMs,
      advertised,
    });
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  logger.info('broker started', { host: settings.host, port, dataDir: settings.dataDir ?? null });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      stopping.abort();
      coordinator.shutdown();
      // Let answered long-polls and joins reach their sockets before ending them.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await Promise.all([...connections].map((connection) => connection.end()));
      await closed;
      topics.flush();
      topics.close();
      coordinator.offsets.close();
      logger.info('broker stopped');
    })());
  return { port, host: settings.host, address: `${settings.host}:${port}`, stop };
}

// Storage, the group coordinator and what handlers need to know of the settings.
function createContext(
  settings: ResolvedBrokerOptions,
  logger: Logger,
  stopping: AbortSignal,
): BrokerContext {
  const limits = { retentionBytes: settings.retentionBytes, segmentBytes: settings.segmentBytes };
  const topics = new TopicRegistry({ dataDir: settings.dataDir, limits, logger });
  const offsets = new OffsetStore(settings.dataDir, logger);
  return {
    topics,
    coordinator: new GroupCoordinator(offsets, { ...settings, logger }),
    producers: new ProducerState(),
    logger,
    settings,
    stopping,
    supportedApis: ADVERTISED_APIS,
    sasl:
      settings.saslPlainUsers === undefined
        ? undefined
        : new Map(Object.entries(settings.saslPlainUsers)),
    authorizer:
      settings.superUsers === undefined
        ? undefined
        : new AclAuthorizer(new Set(settings.superUsers), settings.dataDir),
  };
}
