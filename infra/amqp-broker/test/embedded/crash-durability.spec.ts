import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const MESSAGES = 2000;

interface BrokerChild {
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
}

// The built CLI in its own process, as the local stack runs it, so SIGKILL is a real crash.
async function startBroker(dataDir: string): Promise<BrokerChild> {
  const child = spawn(process.execPath, [cli, '--port', '0', '--data-dir', dataDir]);
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const match = /listening on ([\d.]+):(\d+)/.exec(line.toString());
  if (match === null) throw new Error(`unexpected broker output: ${line.toString()}`);
  return { url: `amqp://guest:guest@${match[1]}:${match[2]}`, child };
}

async function stopBroker({ child }: BrokerChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

interface Publish {
  readonly queue: string;
  readonly body: string;
  readonly persistent: boolean;
}

describe('publisher confirms and a crash', () => {
  let dataDir = '';
  const brokers: BrokerChild[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'amqp-broker-crash-'));
  });
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map(stopBroker));
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Publishes everything on one confirm channel, SIGKILLs the broker in the same
  // turn as the last confirm, and returns the confirmed publishes.
  async function publishThenKill(publishes: readonly Publish[]): Promise<Publish[]> {
    const broker = await startBroker(dataDir);
    brokers.push(broker);
    const exited = once(broker.child, 'exit');
    const connection = await amqp.connect(broker.url);
    // The broker dies under the connection: its errors are expected.
    connection.on('error', () => undefined);
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    await channel.assertQueue('grant-seat', { durable: true });
    await channel.assertQueue('scratch', { durable: false });

    const confirmed: Publish[] = [];
    let answered = 0;
    for (const publish of publishes) {
      const options = { persistent: publish.persistent };
      channel.sendToQueue(publish.queue, Buffer.from(publish.body), options, (error) => {
        if (error === null) confirmed.push(publish);
        if (++answered === publishes.length) broker.child.kill('SIGKILL');
      });
    }
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe('SIGKILL');
    return confirmed;
  }

  async function bodiesAfterRestart(queue: string): Promise<Set<string>> {
    const broker = await startBroker(dataDir);
    brokers.push(broker);
    const connection = await amqp.connect(broker.url);
    const channel = await connection.createChannel();
    // Declared again rather than checked, so a lost queue fails as lost messages, by name.
    await channel.assertQueue(queue, { durable: true });
    const kept = new Set<string>();
    for (
      let m = await channel.get(queue, { noAck: true });
      m !== false;
      m = await channel.get(queue, { noAck: true })
    ) {
      kept.add(m.content.toString());
    }
    await connection.close();
    return kept;
  }

  it('keeps every confirmed persistent message of a durable queue when SIGKILLed right after the last confirm', async () => {
    const publishes = Array.from({ length: MESSAGES }, (_, i) => ({
      queue: 'grant-seat',
      body: `command-${i}`,
      persistent: true,
    }));
    const confirmed = await publishThenKill(publishes);
    expect(confirmed).toHaveLength(MESSAGES);

    const kept = await bodiesAfterRestart('grant-seat');
    expect(confirmed.filter(({ body }) => !kept.has(body)).map(({ body }) => body)).toEqual([]);
  });

  it('keeps them too when transient publishes between them, confirmed without the disk, are the last confirms', async () => {
    const publishes = Array.from({ length: MESSAGES }, (_, i) =>
      i % 2 === 0
        ? { queue: 'grant-seat', body: `command-${i}`, persistent: true }
        : { queue: 'scratch', body: `transient-${i}`, persistent: false },
    );
    const confirmed = await publishThenKill(publishes);
    expect(confirmed).toHaveLength(MESSAGES);

    const kept = await bodiesAfterRestart('grant-seat');
    const lost = confirmed.filter(({ persistent, body }) => persistent && !kept.has(body));
    expect(lost.map(({ body }) => body)).toEqual([]);
    expect(kept.size).toBe(MESSAGES / 2);
  });
});
