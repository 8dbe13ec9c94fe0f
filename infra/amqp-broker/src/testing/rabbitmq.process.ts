import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { freePort } from './free-port.js';

const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const STARTUP_TIMEOUT_MS = 60_000;

export interface RealRabbitMq {
  readonly url: string;
  stop(): Promise<void>;
}

/** Why a real RabbitMQ cannot be started here, or undefined when it can. */
export function rabbitMqUnavailableReason(): string | undefined {
  if (!existsSync(SERVER))
    return `${SERVER} not found (apt-get install rabbitmq-server, or run tools/ci/install-rabbitmq.sh)`;
  if (rabbitUser() === undefined) return "no 'rabbitmq' system user";
  const uid = process.getuid?.();
  if (uid !== 0 && uid !== rabbitUser()?.uid)
    return "RabbitMQ must run as the 'rabbitmq' user: run the tests as root or as that user";
  return undefined;
}

/**
 * Starts Debian's rabbitmq-server in the foreground on random ports with a
 * fresh data directory (and its own epmd), owned by the `rabbitmq` user.
 */
export async function startRabbitMq(): Promise<RealRabbitMq> {
  const user = rabbitUser();
  if (user === undefined) throw new Error("no 'rabbitmq' user");
  const dir = mkdtempSync(join(tmpdir(), 'shop-rabbitmq-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  for (const path of [dir, join(dir, 'enabled_plugins')]) chownSync(path, user.uid, user.gid);
  const [port, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    HOME: dir,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_NODENAME: `shop-test-${randomBytes(4).toString('hex')}@localhost`,
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    // A private epmd on its own port, so stopping it cannot affect anyone else.
    ERL_EPMD_PORT: String(epmdPort),
  };
  const asRabbit =
    process.getuid?.() === 0
      ? ([
          'runuser',
          [
            '-u',
            'rabbitmq',
            '--',
            'env',
            ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
            SERVER,
          ],
        ] as const)
      : ([SERVER, []] as const);
  const child = spawn(asRabbit[0], [...asRabbit[1]], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  try {
    await waitUntilAccepting(url, child);
  } catch (error) {
    await stopChild(child, epmdPort, dir);
    throw new Error(`rabbitmq-server did not start: ${String(error)}\n${output.slice(-2000)}`, {
      cause: error,
    });
  }
  return { url, stop: () => stopChild(child, epmdPort, dir) };
}

async function waitUntilAccepting(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    try {
      const connection = await amqp.connect(url);
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function stopChild(child: ChildProcess, epmdPort: number, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  spawnSync('epmd', ['-kill'], {
    env: { ...process.env, ERL_EPMD_PORT: String(epmdPort) },
    stdio: 'ignore',
  });
  rmSync(dir, { recursive: true, force: true });
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
