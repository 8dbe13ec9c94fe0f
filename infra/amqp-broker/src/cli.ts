#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { start } from './broker.js';

const usage = `Usage: node infra/amqp-broker/dist/cli.js [options]

An embedded AMQP 0-9-1 broker: a development and test stand-in for RabbitMQ.
Connect with amqp://guest:guest@HOST:PORT (vhost "/").

Options:
  --port PORT       TCP port to listen on (default 5672; 0 picks a free port)
  --host HOST       interface to listen on (default 127.0.0.1)
  --data-dir DIR    keep durable exchanges, queues, bindings and persistent
                    messages in DIR across restarts (default: memory only)
  --handshake-timeout-ms MS
                    close a connection not open MS after it was accepted
                    (default 10000, RabbitMQ's handshake_timeout)
  --max-message-size BYTES
                    refuse a larger message with channel error 406
                    (default 134217728, RabbitMQ's max_message_size)
  --help            show this text

Once listening it prints one line containing "listening on HOST:PORT".
SIGTERM or SIGINT closes every connection and exits 0.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5672' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'handshake-timeout-ms': { type: 'string' },
    'max-message-size': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port '${values.port}'\n\n${usage}`);
  process.exit(2);
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isSafeInteger(n) && n > 0) return n;
  console.error(`invalid --${name} '${value}'\n\n${usage}`);
  process.exit(2);
}

const broker = await start({
  port,
  host: values.host,
  dataDir: values['data-dir'],
  handshakeTimeoutMs: positive('handshake-timeout-ms', values['handshake-timeout-ms']),
  maxMessageSize: positive('max-message-size', values['max-message-size']),
});
console.log(`amqp-broker listening on ${broker.host}:${broker.port}`);

let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  broker.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
