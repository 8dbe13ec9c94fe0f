import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from './managed-process.js';

describe('ManagedProcess', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'managed-process-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const node = (name: string, script: string) =>
    ManagedProcess.spawn({
      name,
      command: process.execPath,
      args: ['-e', script],
      cwd: dir,
      env: process.env,
      logFile: join(dir, `${name}.log`),
    });

  it('stops a child that drains on SIGTERM, with its own exit code, and keeps its output in the log file', async () => {
    const child = node(
      'polite',
      "process.on('SIGTERM', () => { console.log('bye'); process.exit(0); }); console.log('listening on 127.0.0.1:1'); setInterval(() => {}, 1000);",
    );
    await child.waitForLine(/listening on/, 30_000);
    expect(await child.stop()).toBe(0);
    expect(child.running).toBe(false);
    expect(await readFile(join(dir, 'polite.log'), 'utf8')).toBe('listening on 127.0.0.1:1\nbye\n');
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const child = node(
      'stubborn',
      "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);",
    );
    await child.waitForLine(/up/, 30_000);
    expect(await child.stop(300)).toBeNull(); // killed by a signal: no exit code
    expect(child.exitStatus).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('kills the grandchild of a wrapper in a process group of its own (rabbitmq-server: sh, then the VM)', async () => {
    const wrapper = ManagedProcess.spawn({
      name: 'wrapper',
      command: '/bin/sh',
      // Ignores SIGTERM and waits on a child that ignores it too: only the group's SIGKILL ends both.
      args: [
        '-c',
        `trap '' TERM; ${process.execPath} -e "process.on('SIGTERM', () => {}); console.log('vm ' + process.pid); setInterval(() => {}, 1000)" & wait`,
      ],
      cwd: dir,
      env: process.env,
      logFile: join(dir, 'wrapper.log'),
      processGroup: true,
    });
    const vmPid = Number((await wrapper.waitForLine(/^vm \d+$/, 30_000)).slice(3));
    await wrapper.stop(300);
    await expect.poll(() => existsSync(`/proc/${vmPid}`), { timeout: 10_000 }).toBe(false);
  });

  it('fails the wait, with the last lines, when the child exits before printing what was awaited', async () => {
    const child = node('crasher', "console.error('config is wrong'); process.exit(78);");
    await expect(child.waitForLine(/listening on/, 30_000)).rejects.toThrow(
      /crasher exited \(code 78\):\nconfig is wrong/,
    );
  });
});
