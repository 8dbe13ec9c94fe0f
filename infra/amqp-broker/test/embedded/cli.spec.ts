import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('the command line', () => {
  it('prints one "listening on HOST:PORT" line, serves AMQP, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const match = /listening on ([\d.]+):(\d+)/.exec(line.toString());
    expect(match).not.toBeNull();
    const connection = await amqp.connect(`amqp://guest:guest@${match![1]}:${match![2]}`);
    await connection.close();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('documents every option in --help', async () => {
    const child = spawn(process.execPath, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    await once(child, 'exit');
    for (const option of ['--port', '--host', '--data-dir', '--help'])
      expect(text).toContain(option);
  });
});
