import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from './managed-process.js';
import { findFreePort } from '@shop/local-postgres';
import { isPortFree } from './ports.js';
import { StackComponent, type SupervisionEvent } from './stack-component.js';

// A stand-in for a broker: listens on a fixed port and counts its starts in its data directory.
const server = `
  const fs = require('node:fs');
  const file = process.argv[2] + '/starts';
  const starts = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(starts));
  const s = require('node:net').createServer().listen(Number(process.argv[1]), '127.0.0.1', () => console.log('listening on ' + process.argv[1]));
  process.on('SIGTERM', () => s.close(() => process.exit(0)));`;

describe('StackComponent', () => {
  let dir: string;
  let port: number;
  let component: StackComponent;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stack-component-'));
    port = await findFreePort();
    component = new StackComponent({
      name: 'fake-broker',
      kind: 'broker',
      spawn: () =>
        ManagedProcess.spawn({
          name: 'fake-broker',
          command: process.execPath,
          args: ['-e', server, String(port), dir],
          cwd: dir,
          env: process.env,
          logFile: join(dir, 'fake-broker.log'),
        }),
      waitUntilServing: async (child) => {
        await child.waitForLine(/listening on/, 30_000);
      },
    });
  });
  afterAll(async () => {
    await component.stop(1_000);
    await rm(dir, { recursive: true, force: true });
  });

  it('stops a running component and starts it again on the same port, keeping its data', async () => {
    await component.start();
    const firstPid = component.pid;
    expect(await isPortFree(port)).toBe(false);

    expect(await component.stop()).toBe(0);
    expect(component.running).toBe(false);
    expect(component.pid).toBeUndefined();
    expect(await isPortFree(port)).toBe(true);

    await component.start();
    expect(component.running).toBe(true);
    expect(component.pid).not.toBe(firstPid);
    expect(await isPortFree(port)).toBe(false);
    expect(await readFile(join(dir, 'starts'), 'utf8')).toBe('2');
  });

  it('treats start while running and stop while stopped as no-ops', async () => {
    await component.start();
    const pid = component.pid;
    await component.start();
    expect(component.pid).toBe(pid);
    await component.stop();
    expect(await component.stop()).toBeUndefined();
  });

  it('reports an exit it was not asked for (a crash), and not a stop; unsupervised, it stays down', async () => {
    const events: SupervisionEvent[] = [];
    component.onSupervision((event) => events.push(event));
    await component.start();
    await component.stop();
    await component.start();
    process.kill(component.pid!, 'SIGKILL');
    await expect
      .poll(() => events.filter((e) => e.type === 'failed'), { timeout: 30_000 })
      .toEqual([{ type: 'failed', exit: { code: null, signal: 'SIGKILL' }, inARow: 1 }]);
    expect(component.running).toBe(false);
    expect(component.status).toMatchObject({ state: 'failed', restarts: 0 });
  });

  it('fails a start whose process never serves, and leaves no process behind', async () => {
    const broken = new StackComponent({
      name: 'mute',
      kind: 'app',
      spawn: () =>
        ManagedProcess.spawn({
          name: 'mute',
          command: process.execPath,
          args: ['-e', 'setInterval(() => {}, 1000)'],
          cwd: dir,
          env: process.env,
          logFile: join(dir, 'mute.log'),
        }),
      waitUntilServing: async (child) => {
        await child.waitForLine(/never/, 300);
      },
    });
    await expect(broken.start()).rejects.toThrow(/mute did not print/);
    expect(broken.running).toBe(false);
  });
});
