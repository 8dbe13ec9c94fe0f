import { AccessControl } from './auth/access-control.js';
import { GUEST_DEFINITIONS, type BrokerDefinitions } from './auth/definitions.js';
import { Vhost } from './model/vhost.js';
import { AmqpServer } from './server/amqp-server.js';
import { brokerLimits } from './server/broker-limits.js';
import { DurableStore } from './store/durable-store.js';

/** Options of {@link start}. */
export interface BrokerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Keep durable exchanges, queues, bindings and persistent messages here across restarts. */
  readonly dataDir?: string;
  /** Close a connection not open this long after it was accepted (default 10 000, RabbitMQ's `handshake_timeout`). */
  readonly handshakeTimeoutMs?: number;
  /** Refuse a larger message with channel error 406 (default 128 MiB, RabbitMQ's `max_message_size`). */
  readonly maxMessageSize?: number;
  /** Body bytes one connection's unfinished publishes may announce in all (default `maxMessageSize`); above it, connection error 506. */
  readonly maxBufferedContentBytes?: number;
  /** Users and permissions in RabbitMQ's definitions format (default: `guest`/`guest`, everything on `/`). */
  readonly definitions?: BrokerDefinitions;
}

/** A running broker. */
export interface RunningBroker {
  readonly host: string;
  readonly port: number;
  /** The URL amqplib and Nest connect with, as `guest` (whom custom definitions may not have). */
  readonly url: string;
  /** Closes every connection and the listener, and writes the durable state. */
  stop(): Promise<void>;
}

/** Starts an embedded AMQP 0-9-1 broker (a development and test stand-in for RabbitMQ). */
export async function start(options: BrokerOptions): Promise<RunningBroker> {
  const host = options.host ?? '127.0.0.1';
  const vhost = new Vhost();
  const store =
    options.dataDir === undefined ? undefined : await DurableStore.open(options.dataDir, vhost);
  const server = new AmqpServer(
    vhost,
    brokerLimits(options),
    new AccessControl(options.definitions ?? GUEST_DEFINITIONS),
    store,
  );
  const address = await server.listen(options.port, host);
  return {
    host,
    port: address.port,
    url: `amqp://guest:guest@${host}:${address.port}`,
    async stop() {
      await server.close();
      await store?.close();
    },
  };
}
