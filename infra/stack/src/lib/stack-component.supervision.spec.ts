import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from './managed-process.js';
import { OwnedProcesses } from './owned-processes.js';
import type { RestartPolicy } from './restart-policy.js';
import { StackComponent, type SupervisionEvent } from './stack-component.js';

const policy: RestartPolicy = { limit: 2, backoffMs: 50, maxBackoffMs: 200, stableMs: 60_000 };

describe('a supervised StackComponent', () => {
  let dir: string;
  const components: StackComponent[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supervision-'));
  });
  afterEach(async () => {
    await Promise.all(components.splice(0).map((c) => c.stop(1_000)));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // A process that says it serves, then (when told) exits with code 3 right after.
  function supervised(name: string, script: string, restartPolicy = policy) {
    const component = new StackComponent({
      name,
      kind: 'app',
      spawn: () =>
        ManagedProcess.spawn({
          name,
          command: process.execPath,
          args: ['-e', script],
          cwd: dir,
          env: process.env,
          logFile: join(dir, `${name}.log`),
        }),
      waitUntilServing: async (child) => {
        await child.waitForLine(/serving/, 30_000);
      },
    });
    const events: SupervisionEvent[] = [];
    component.onSupervision((event) => events.push(event));
    component.supervise(restartPolicy);
    components.push(component);
    return { component, events };
  }
  const steady = "console.log('serving'); setInterval(() => {}, 1000);";
  const crashing = "console.log('serving'); setTimeout(() => process.exit(3), 50);";

  it('restarts a component killed with SIGKILL after the backoff, and shows the restart and the signal', async () => {
    const { component, events } = supervised('killed', steady);
    await component.start();
    const firstPid = component.pid!;

    process.kill(firstPid, 'SIGKILL');
    await expect.poll(() => component.status.restarts, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => component.status.state, { timeout: 30_000 }).toBe('running');
    expect(component.pid).not.toBe(firstPid);
    expect(component.status.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(events.map((e) => e.type)).toEqual([
      'waiting',
      'serving',
      'crashed',
      'waiting',
      'serving',
      'restarted',
    ]);
    expect(events).toContainEqual({
      type: 'crashed',
      exit: { code: null, signal: 'SIGKILL' },
      restartInMs: 50,
      inARow: 1,
    });
  });

  it('does not restart a component stopped on request', async () => {
    const { component, events } = supervised('stopped', steady);
    await component.start();
    await component.stop();
    // It is down for good: a restart would have been scheduled by the exit, before stop() resolved.
    expect(component.status).toEqual({ state: 'stopped', restarts: 0 });
    expect(events.map((e) => e.type)).toEqual(['waiting', 'serving']);
  });

  it('leaves a component that keeps crashing down after the limit, as failed, until it is started on request', async () => {
    const { component, events } = supervised('crash-loop', crashing);
    await component.start();

    await expect.poll(() => component.status.state, { timeout: 30_000 }).toBe('failed');
    expect(component.running).toBe(false);
    expect(component.status).toMatchObject({ restarts: 2, lastExit: { code: 3, signal: null } });
    const supervision = events.filter((e) => e.type !== 'waiting' && e.type !== 'serving');
    expect(supervision).toEqual([
      { type: 'crashed', exit: { code: 3, signal: null }, restartInMs: 50, inARow: 1 },
      expect.objectContaining({ type: 'restarted', restarts: 1 }),
      { type: 'crashed', exit: { code: 3, signal: null }, restartInMs: 100, inARow: 2 },
      expect.objectContaining({ type: 'restarted', restarts: 2 }),
      { type: 'failed', exit: { code: 3, signal: null }, inARow: 3 },
    ]);

    await component.start(); // a start on request begins a new row
    expect(['running', 'backoff', 'restarting']).toContain(component.status.state);
  });

  it('counts a restart that dies before it serves as one more crash in a row', async () => {
    let spawns = 0;
    const component = new StackComponent({
      name: 'dies-on-restart',
      kind: 'app',
      spawn: () => {
        spawns += 1;
        // The first start serves; every restart exits before it does.
        const script = spawns === 1 ? steady : "console.error('no config'); process.exit(78);";
        return ManagedProcess.spawn({
          name: 'dies-on-restart',
          command: process.execPath,
          args: ['-e', script],
          cwd: dir,
          env: process.env,
          logFile: join(dir, 'dies-on-restart.log'),
        });
      },
      waitUntilServing: async (child) => {
        await child.waitForLine(/serving/, 30_000);
      },
    });
    components.push(component);
    const events: SupervisionEvent[] = [];
    component.onSupervision((event) => events.push(event));
    component.supervise(policy);
    await component.start();
    process.kill(component.pid!, 'SIGKILL');

    await expect.poll(() => component.status.state, { timeout: 30_000 }).toBe('failed');
    expect(spawns).toBe(3);
    expect(events.filter((e) => e.type === 'restart-failed')).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'failed', exit: { code: 78, signal: null }, inARow: 3 });
    expect(component.status.lastExit).toMatchObject({ code: 78, signal: null });
  });

  it('cancels a scheduled restart when the stack stops', async () => {
    const slow: RestartPolicy = { ...policy, backoffMs: 60_000, maxBackoffMs: 60_000 };
    const { component } = supervised('in-backoff', steady, slow);
    const owned = new OwnedProcesses(() => undefined, { restartPolicy: slow });
    owned.add(component);
    await component.start();
    process.kill(component.pid!, 'SIGKILL');
    await expect.poll(() => component.status.state, { timeout: 30_000 }).toBe('backoff');

    await owned.stopAll(() => undefined);
    expect(component.status.state).toBe('stopped');
  });
});
