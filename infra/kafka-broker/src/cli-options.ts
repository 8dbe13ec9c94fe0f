import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BrokerOptions } from './broker-options.js';
import type { LogFormat, LogLevel } from './logger.js';

// Every CLI flag with its meaning; --help prints this table.
const FLAGS = {
  port: { type: 'string', help: 'TCP port to listen on; 0 picks a free one (default 9092)' },
  host: { type: 'string', help: 'interface to listen on (default 127.0.0.1)' },
  'advertised-host': {
    type: 'string',
    help: 'host clients are told to connect to (default: the listening host)',
  },
  'data-dir': {
    type: 'string',
    help: 'persist topics, logs and committed offsets here (default: memory only)',
  },
  'auto-create-topics': {
    type: 'string',
    help: 'true|false: create topics clients ask Metadata for (default true)',
  },
  'default-partitions': { type: 'string', help: 'partitions of auto-created topics (default 1)' },
  'retention-bytes': {
    type: 'string',
    help: 'bytes kept per partition, oldest segments dropped first; -1 keeps all (default 268435456)',
  },
  'segment-bytes': {
    type: 'string',
    help: 'segment size, the unit retention deletes (default 16777216)',
  },
  'max-frame-bytes': {
    type: 'string',
    help: 'largest request accepted; bigger ones close the connection (default 104857600)',
  },
  'connections-max-idle-ms': {
    type: 'string',
    help: 'close a connection with no bytes in or out for this long (default 600000)',
  },
  'max-batch-bytes': {
    type: 'string',
    help: 'largest record set per partition in one Produce (default 1048588)',
  },
  fsync: { type: 'boolean', help: 'fsync before answering an acks=all Produce (default off)' },
  'initial-rebalance-delay-ms': {
    type: 'string',
    help: 'wait for more members when a group forms (default 3000)',
  },
  'min-session-timeout-ms': {
    type: 'string',
    help: 'smallest consumer session timeout accepted (default 6000)',
  },
  'max-session-timeout-ms': {
    type: 'string',
    help: 'largest consumer session timeout accepted (default 1800000)',
  },
  'sasl-plain-users': {
    type: 'string',
    help: 'JSON file {"user": "password", …}: require SASL/PLAIN as these users (default: no authentication)',
  },
  'super-users': {
    type: 'string',
    help: "Kafka's super.users, e.g. 'User:admin;User:ops': turn on ACL authorization (default: off, everything allowed)",
  },
  'log-level': { type: 'string', help: 'debug|info|warn|error|silent (default info)' },
  'log-format': { type: 'string', help: 'json|plain, written to stderr (default json)' },
  help: { type: 'boolean', help: 'print this help and exit' },
} as const;

export type CliCommand = { kind: 'help'; text: string } | { kind: 'start'; options: BrokerOptions };

export function parseCli(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: FLAGS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { kind: 'help', text: helpText() };
  return {
    kind: 'start',
    options: {
      port: integer('port', values.port ?? '9092'),
      host: values.host,
      advertisedHost: values['advertised-host'],
      dataDir: values['data-dir'],
      autoCreateTopics:
        values['auto-create-topics'] === undefined
          ? undefined
          : bool('auto-create-topics', values['auto-create-topics']),
      defaultPartitions: optionalInteger('default-partitions', values['default-partitions']),
      retentionBytes: optionalInteger('retention-bytes', values['retention-bytes']),
      segmentBytes: optionalInteger('segment-bytes', values['segment-bytes']),
      maxFrameBytes: optionalInteger('max-frame-bytes', values['max-frame-bytes']),
      connectionsMaxIdleMs: optionalInteger(
        'connections-max-idle-ms',
        values['connections-max-idle-ms'],
      ),
      maxBatchBytes: optionalInteger('max-batch-bytes', values['max-batch-bytes']),
      fsyncOnAcksAll: values.fsync,
      initialRebalanceDelayMs: optionalInteger(
        'initial-rebalance-delay-ms',
        values['initial-rebalance-delay-ms'],
      ),
      minSessionTimeoutMs: optionalInteger(
        'min-session-timeout-ms',
        values['min-session-timeout-ms'],
      ),
      maxSessionTimeoutMs: optionalInteger(
        'max-session-timeout-ms',
        values['max-session-timeout-ms'],
      ),
      logLevel: oneOf<LogLevel>('log-level', values['log-level'], [
        'debug',
        'info',
        'warn',
        'error',
        'silent',
      ]),
      logFormat: oneOf<LogFormat>('log-format', values['log-format'], ['json', 'plain']),
      saslPlainUsers: saslUsers(values['sasl-plain-users']),
      superUsers: superUsers(values['super-users']),
    },
  };
}

function helpText(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => {
    const usage = flag.type === 'boolean' ? `--${name}` : `--${name} <value>`;
    return `  ${usage.padEnd(36)} ${flag.help}`;
  });
  return [
    'Usage: node dist/cli.js [options]',
    '',
    'A single-node broker that speaks the Kafka wire protocol (development and test stand-in).',
    'Prints one line "listening on HOST:PORT" to stdout when ready; logs go to stderr;',
    'SIGTERM or SIGINT stop it cleanly (exit 0).',
    '',
    'Options:',
    ...lines,
    '',
  ].join('\n');
}

function integer(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`--${name} must be an integer, got "${text}"`);
  return value;
}

function optionalInteger(name: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : integer(name, text);
}

function bool(name: string, text: string): boolean {
  if (text !== 'true' && text !== 'false')
    throw new Error(`--${name} must be true or false, got "${text}"`);
  return text === 'true';
}

function oneOf<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text))
    throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return text as T;
}

function saslUsers(file: string | undefined): Record<string, string> | undefined {
  if (file === undefined) return undefined;
  const users = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const valid =
    typeof users === 'object' &&
    users !== null &&
    Object.values(users).every((password) => typeof password === 'string');
  if (!valid) throw new Error(`--sasl-plain-users ${file}: expected {"user": "password", …}`);
  return users as Record<string, string>;
}

// Kafka's super.users: principals separated by ';'.
function superUsers(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const principals = value
    .split(';')
    .map((principal) => principal.trim())
    .filter((principal) => principal !== '');
  for (const principal of principals)
    if (!/^[^:]+:.+$/.test(principal))
      throw new Error(`--super-users: '${principal}' is not a principal like User:admin`);
  return principals;
}
