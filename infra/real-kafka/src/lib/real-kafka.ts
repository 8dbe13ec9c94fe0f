import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { KafkaNodeSettings } from './kafka-config.js';
import { prepareKafkaNode } from './kafka-node.js';
import { freePort } from './free-port.js';
import { waitUntilServing } from './wait-until-serving.js';

export interface RealKafkaOptions {
  /** Client port; a free one when omitted. */
  readonly port?: number;
  /** Controller (KRaft quorum) port; a free one when omitted. */
  readonly controllerPort?: number;
  /** Kept between starts when given; a temporary directory, removed on stop, when omitted. */
  readonly dataDir?: string;
  readonly properties?: KafkaNodeSettings['properties'];
  /** SASL/PLAIN users: a second, SASL_PLAINTEXT listener on `sasl.port` (free when 0), or, without a port, the client listener itself. */
  readonly sasl?: KafkaNodeSettings['sasl'];
  /** ACL authorization with these super users (see {@link KafkaNodeSettings.superUsers}). */
  readonly superUsers?: KafkaNodeSettings['superUsers'];
  /** How long to wait for the broker to serve (default 180 s: a JVM on a busy 2-core machine). */
  readonly startupTimeoutMs?: number;
  readonly onLine?: (line: string) => void;
}

export interface RealKafka {
  /** `host:port` for clients. */
  readonly brokers: string;
  /** `host:port` of the SASL_PLAINTEXT listener, when it is a second one. */
  readonly saslBrokers?: string;
  readonly port: number;
  readonly pid: number;
  readonly dataDir: string;
  /** Its last output lines, for error messages. */
  tail(): string[];
  /** SIGTERM (Kafka's clean shutdown), SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a real single-node Apache Kafka (broker + KRaft controller) and resolves once it serves. */
export async function startRealKafka(options: RealKafkaOptions = {}): Promise<RealKafka> {
  const host = '127.0.0.1';
  const port = options.port ?? (await freePort());
  const controllerPort = options.controllerPort ?? (await freePort());
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'shop-real-kafka-'));
  const sasl =
    options.sasl?.port === 0 ? { ...options.sasl, port: await freePort() } : options.sasl;
  const launch = prepareKafkaNode({
    host,
    port,
    controllerPort,
    dataDir,
    ...(options.properties ? { properties: options.properties } : {}),
    ...(sasl ? { sasl } : {}),
    ...(options.superUsers ? { superUsers: options.superUsers } : {}),
  });
  const child = spawn(launch.command, [...launch.args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      options.onLine?.(line);
    });
  }
  // Last resort if our process ends without stopping it: no orphan JVM.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (graceMs = 60_000) => {
    await terminate(child, graceMs);
    process.removeListener('exit', killOnExit);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(launch.brokers, {
      timeoutMs: options.startupTimeoutMs ?? 180_000,
      exited: () => child.exitCode !== null || child.signalCode !== null,
      ...(sasl && sasl.port === undefined ? { sasl: firstUser(sasl.users) } : {}),
    });
  } catch (error) {
    await stop(5_000);
    throw new Error(`Kafka did not start: ${String(error)}\n${lines.slice(-40).join('\n')}`, {
      cause: error,
    });
  }
  if (child.pid === undefined) throw new Error('java did not start');
  return {
    brokers: launch.brokers,
    ...(sasl?.port === undefined ? {} : { saslBrokers: `${host}:${sasl.port}` }),
    port,
    pid: child.pid,
    dataDir: launch.dataDir,
    tail: () => [...lines],
    stop,
  };
}

async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function firstUser(users: Readonly<Record<string, string>>): {
  username: string;
  password: string;
} {
  const [first] = Object.entries(users);
  if (first === undefined) throw new Error('SASL_PLAINTEXT needs at least one user');
  return { username: first[0], password: first[1] };
}
