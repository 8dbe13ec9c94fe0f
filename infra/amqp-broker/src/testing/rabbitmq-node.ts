import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';

/** Where one RabbitMQ node listens and keeps its data. */
export interface RabbitMqNodeSettings {
  readonly dataDir: string;
  readonly port: number;
  /** Erlang distribution port (nobody connects to it; it must only be free). */
  readonly distPort: number;
  /** A private epmd, so stopping it cannot affect any other Erlang node. */
  readonly epmdPort: number;
  /** Fixed per data dir: the node's database lives under its name. */
  readonly nodeName: string;
  /** RabbitMQ's own limits, when a caller needs them other than the defaults. */
  readonly limits?: RabbitMqLimits;
}

/** The `rabbit` application settings of the same names (milliseconds, bytes). */
export interface RabbitMqLimits {
  readonly handshakeTimeoutMs?: number;
  readonly maxMessageSize?: number;
}

/** A command line for whoever supervises the node (a test, the stack launcher). */
export interface RabbitMqLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Set when running as root: the node runs as the `rabbitmq` user. */
  readonly uid?: number | undefined;
  readonly gid?: number | undefined;
  readonly url: string;
}

/** Why a real RabbitMQ cannot be started here, or undefined when it can. */
export function rabbitMqUnavailableReason(): string | undefined {
  if (!existsSync(RABBITMQ_SERVER))
    return `${RABBITMQ_SERVER} not found (apt-get install rabbitmq-server, or run tools/ci/install-rabbitmq.sh)`;
  if (rabbitUser() === undefined) return "no 'rabbitmq' system user";
  const uid = process.getuid?.();
  if (uid !== 0 && uid !== rabbitUser()?.uid)
    return "RabbitMQ must run as the 'rabbitmq' user: run the tests as root or as that user";
  return undefined;
}

/**
 * Prepares Debian's rabbitmq-server to run in the foreground on the given
 * ports with its data (and Erlang cookie) in `dataDir`, logging to stdout;
 * a data dir used before is reused as it is.
 */
export function prepareRabbitMqNode(settings: RabbitMqNodeSettings): RabbitMqLaunch {
  const user = rabbitUser();
  if (user === undefined) throw new Error("no 'rabbitmq' system user");
  const dir = resolve(settings.dataDir);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const plugins = join(dir, 'enabled_plugins');
  writeFileSync(plugins, '[].\n');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) for (const path of [dir, plugins]) chownSync(path, user.uid, user.gid);
  const env = {
    HOME: dir,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    // Log lines to stdout, where the supervisor keeps them.
    RABBITMQ_LOGS: '-',
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(settings.port),
    RABBITMQ_DIST_PORT: String(settings.distPort),
    RABBITMQ_NODENAME: settings.nodeName,
    RABBITMQ_ENABLED_PLUGINS_FILE: plugins,
    ERL_EPMD_PORT: String(settings.epmdPort),
    ...limitArgs(settings.limits ?? {}),
  };
  return {
    command: RABBITMQ_SERVER,
    args: [],
    env,
    ...(asRoot ? { uid: user.uid, gid: user.gid } : {}),
    url: `amqp://guest:guest@127.0.0.1:${settings.port}`,
  };
}

function limitArgs(limits: RabbitMqLimits): { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS?: string } {
  const args: string[] = [];
  if (limits.handshakeTimeoutMs !== undefined)
    args.push(`-rabbit handshake_timeout ${limits.handshakeTimeoutMs}`);
  if (limits.maxMessageSize !== undefined)
    args.push(`-rabbit max_message_size ${limits.maxMessageSize}`);
  return args.length === 0 ? {} : { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: args.join(' ') };
}

function rabbitUser(): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('rabbitmq:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid === undefined || gid === undefined
    ? undefined
    : { uid: Number(uid), gid: Number(gid) };
}

/** Stops a node's private epmd: the node starts it as a daemon, so it outlives the node. */
export function stopEpmd(epmdPort: number): void {
  spawnSync('epmd', ['-kill'], {
    env: { ...process.env, ERL_EPMD_PORT: String(epmdPort) },
    stdio: 'ignore',
  });
}
