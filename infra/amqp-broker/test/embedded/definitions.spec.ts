import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDefinitions, type BrokerDefinitions } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

// RabbitMQ's rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)).
function rabbitHash(password: string): string {
  const salt = randomBytes(4);
  const digest = createHash('sha256').update(salt).update(password).digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

const definitions: BrokerDefinitions = {
  users: [
    { name: 'app', password: 'app-secret', tags: '' },
    { name: 'hashed', password_hash: rabbitHash('hashed-secret'), tags: '' },
  ],
  vhosts: [{ name: '/' }],
  permissions: ['app', 'hashed'].map((user) => ({
    user,
    vhost: '/',
    configure: '.*',
    write: '.*',
    read: '.*',
  })),
};

async function login(port: string, user: string, password: string): Promise<string> {
  try {
    const connection = await amqp.connect({
      hostname: '127.0.0.1',
      port: Number(port),
      username: user,
      password,
    });
    await connection.close();
    return 'ok';
  } catch (error) {
    return String(error).includes('ACCESS_REFUSED') ? 'ACCESS_REFUSED' : String(error);
  }
}

describe('users from a definitions file (RabbitMQ format)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amqp-definitions-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in its users, by plain password or RabbitMQ hash, and no longer guest', async () => {
    const file = join(dir, 'definitions.json');
    writeFileSync(file, JSON.stringify(definitions));
    const child = spawn(process.execPath, [cli, '--port', '0', '--definitions', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const port = /listening on [\d.]+:(\d+)/.exec(line.toString())?.[1] ?? '';
      expect(await login(port, 'app', 'app-secret')).toBe('ok');
      expect(await login(port, 'hashed', 'hashed-secret')).toBe('ok');
      expect(await login(port, 'hashed', 'app-secret')).toBe('ACCESS_REFUSED');
      expect(await login(port, 'guest', 'guest')).toBe('ACCESS_REFUSED');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('refuses a permission that is not a regular expression, naming the user', () => {
    const broken = {
      ...definitions,
      permissions: [{ user: 'app', vhost: '/', configure: '(', write: '', read: '' }],
    };
    expect(() => parseDefinitions(broken)).toThrow(/user 'app'/);
  });
});
