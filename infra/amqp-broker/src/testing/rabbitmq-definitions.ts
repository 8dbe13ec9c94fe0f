import { spawn } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerDefinitions } from '../auth/definitions.js';
import type { RabbitMqLaunch } from './rabbitmq-node.js';

export const RABBITMQCTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';

/**
 * Loads users, vhosts and permissions into a running node with
 * `rabbitmqctl import_definitions` (one CLI call instead of one
 * `add_user`/`set_permissions` per user): the same JSON the embedded broker
 * reads with `--definitions`. Existing users are updated; `guest` is kept.
 */
export async function importRabbitMqDefinitions(
  node: RabbitMqLaunch,
  definitions: BrokerDefinitions,
): Promise<void> {
  const home = node.env.HOME;
  if (home === undefined) throw new Error('the node has no HOME (its data directory)');
  const file = join(home, 'definitions.json');
  writeFileSync(file, JSON.stringify(definitions), { mode: 0o600 });
  if (node.uid !== undefined && node.gid !== undefined) chownSync(file, node.uid, node.gid);
  await rabbitmqctl(node, ['import_definitions', file]);
}

function rabbitmqctl(node: RabbitMqLaunch, args: readonly string[]): Promise<void> {
  const nodeName = node.env.RABBITMQ_NODENAME;
  if (nodeName === undefined) throw new Error('the node has no RABBITMQ_NODENAME');
  const child = spawn(RABBITMQCTL, ['-n', nodeName, ...args], {
    cwd: node.env.HOME,
    env: { ...process.env, ...node.env },
    ...(node.uid === undefined ? {} : { uid: node.uid, gid: node.gid }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`rabbitmqctl ${args[0] ?? ''} exited with ${String(code)}: ${output}`));
    });
  });
}
