import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot, stackConfigSchema } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngines, type Engines } from '../support/engines.js';
import { descendantsOf, isAlive } from '../support/process-tree.js';

const root = findRepoRoot(import.meta.dirname);

describe('the stack launcher', () => {
  let dataDir = '';
  let engines: Engines | undefined;
  afterAll(async () => {
    await engines?.release();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no process of the stack running after SIGTERM, and exits 0', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shop-shutdown-'));
    // Its own infrastructure, like the suite's (containers: a second set).
    engines = await startEngines();
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as `postgres`, which must enter it
    const ports = Object.keys(stackConfigSchema.shape).filter((k) => k.endsWith('_PORT'));
    const launcher = spawn(process.execPath, [join(root, 'infra/stack/dist/cli.js'), 'up'], {
      cwd: root,
      env: {
        ...process.env,
        ...engines.env,
        STACK_DATA_DIR: dataDir,
        ...Object.fromEntries(ports.map((k) => [k, '0'])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    launcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', resolve));

    await expect
      // A whole second stack beside the suite's, on a busy 2-core machine.
      .poll(() => output, { timeout: 240_000, interval: 100, message: 'the stack is ready' })
      .toContain('ready in');
    const stackProcesses = descendantsOf(launcher.pid!);
    // postgres (+ its workers), the brokers that exist and six apps
    expect(stackProcesses.length).toBeGreaterThanOrEqual(7);

    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped');
    await expect
      .poll(() => stackProcesses.filter(isAlive), { timeout: 10_000, interval: 100 })
      .toEqual([]);
  }, 300_000);
});
