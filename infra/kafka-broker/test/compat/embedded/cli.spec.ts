import { describe, expect, it } from 'vitest';
import { kafkaClient } from '../../support/kafka-under-test.js';
import { spawnTypeScript, waitForExit, waitForLine } from '../../support/child-process.js';

describe('the CLI the stack launcher spawns (embedded broker only)', () => {
  it('prints one "listening on HOST:PORT" line, serves clients and exits 0 on SIGTERM', async () => {
    const child = spawnTypeScript('src/cli.ts', ['--port', '0', '--log-format', 'plain']);
    const [, address] = await waitForLine(child, /listening on (\S+:\d+)\n/);
    const admin = kafkaClient([address!]).admin();
    await admin.connect();
    await expect(admin.createTopics({ topics: [{ topic: 'cli-check' }] })).resolves.toBe(true);
    await admin.disconnect();
    child.kill('SIGTERM');
    await expect(waitForExit(child)).resolves.toEqual({ code: 0, signal: null });
  });

  it('documents every option in --help', async () => {
    const child = spawnTypeScript('src/cli.ts', ['--help']);
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await expect(waitForExit(child)).resolves.toEqual({ code: 0, signal: null });
    for (const flag of [
      '--port',
      '--host',
      '--data-dir',
      '--retention-bytes',
      '--max-frame-bytes',
      '--log-format',
    ]) {
      expect(text).toContain(flag);
    }
  });
});
