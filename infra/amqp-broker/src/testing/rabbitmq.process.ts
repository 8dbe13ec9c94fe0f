import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { freePort } from './free-port.js';
import { prepareRabbitMqNode, stopEpmd, type RabbitMqLimits } from './rabbitmq-node.js';

export { rabbitMqUnavailableReason } from './rabbitmq-node.js';

const STARTUP_TIMEOUT_MS = Number(process.env.RABBITMQ_STARTUP_TIMEOUT_MS ?? 180_000);

export interface RealRabbitMq {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's rabbitmq-server in the foreground on random ports with a
 * fresh data directory (and its own epmd), owned by the `rabbitmq` user.
 */
export async function startRabbitMq(limits: RabbitMqLimits = {}): Promise<RealRabbitMq> {
  const dir = mkdtempSync(join(tmpdir(), 'shop-rabbitmq-'));
  const [port, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()];
  const node = prepareRabbitMqNode({
    dataDir: dir,
    port,
    distPort,
    epmdPort,
    nodeName: `shop-test-${randomBytes(4).toString('hex')}@localhost`,
    limits,
  });
  const child = spawn(node.command, [...node.args], {
    cwd: dir,
    env: { ...process.env, ...node.env },
    ...(node.uid === undefined ? {} : { uid: node.uid, gid: node.gid }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await waitUntilAccepting(node.url, child);
  } catch (error) {
    await stopChild(child, epmdPort, dir);
    throw new Error(`rabbitmq-server did not start: ${String(error)}\n${output.slice(-2000)}`, {
      cause: error,
    });
  }
  return { url: node.url, stop: () => stopChild(child, epmdPort, dir) };
}

async function waitUntilAccepting(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited with ${String(child.exitCode ?? child.signalCode)}`);
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
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  stopEpmd(epmdPort);
  rmSync(dir, { recursive: true, force: true });
}
