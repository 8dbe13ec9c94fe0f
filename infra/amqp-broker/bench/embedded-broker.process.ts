import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BrokerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Runs the built CLI in its own process, as the local stack does (`durable`: with a data directory). */
export async function startEmbeddedBrokerProcess(durable = false): Promise<BrokerProcess> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const dataDir = durable ? mkdtempSync(join(tmpdir(), 'amqp-broker-bench-')) : undefined;
  const args = dataDir === undefined ? [] : ['--data-dir', dataDir];
  const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.stdout === null) throw new Error('no stdout');
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const match = /listening on ([\d.]+):(\d+)/.exec(line.toString());
  if (match === null) throw new Error(`unexpected broker output: ${line.toString()}`);
  return {
    url: `amqp://guest:guest@${match[1]}:${match[2]}`,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
