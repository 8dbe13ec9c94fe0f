import { Vhost } from './model/vhost.js';
import { AmqpServer } from './server/amqp-server.js';
import { DurableStore } from './store/durable-store.js';

/** Options of {@link start}. */
export interface BrokerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Keep durable exchanges, queues, bindings and persistent messages here across restarts. */
  readonly dataDir?: string;
}

/** A running broker. */
export interface RunningBroker {
  readonly host: string;
  readonly port: number;
  /** The URL amqplib and Nest connect with. */
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
  const server = new AmqpServer(vhost);
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
