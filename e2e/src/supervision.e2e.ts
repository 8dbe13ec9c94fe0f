import { randomUUID } from 'node:crypto';
import type { StackDescription } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { connectToStack, orderReaching } from '../support/flow.js';
import { E2E_RESTART_LIMIT } from '../support/e2e-stack-settings.js';

const { checkout, control, close } = connectToStack();
afterAll(async () => {
  await control.component('notification').start(); // in case a test left it failed
  await close();
});

type Described = StackDescription['components'][number];
async function componentNamed(name: string): Promise<Described> {
  const found = (await control.describe()).components.find((c) => c.name === name);
  if (!found) throw new Error(`GET /stack has no component '${name}'`);
  return found;
}

// An app may take a while to start on a loaded machine; the wait is on a condition.
const RESTART = { timeout: 180_000, interval: 200 } as const;

describe('the supervised stack', () => {
  it('brings an app SIGKILLed by its PID back by itself, serving, and GET /stack shows the restart', async () => {
    const before = await componentNamed('payment');
    expect(before).toMatchObject({ state: 'running', running: true });
    process.kill(before.pid!, 'SIGKILL');

    await expect
      .poll(async () => {
        const now = await componentNamed('payment');
        return now.state === 'running' && now.restarts === before.restarts! + 1;
      }, RESTART)
      .toBe(true);
    const after = await componentNamed('payment');
    expect(after.pid).not.toBe(before.pid);
    expect(after.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });

    // It serves again: a purchase needs payment's Authorize.
    const body = { learnerId: newLearner(), courseIds: [COURSES.messaging101] };
    const key = randomUUID();
    await expect
      .poll(async () => (await checkout.placeOrder(body, key)).status, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(201);
    await orderReaching(checkout, (await checkout.placeOrder(body, key)).json.id, 'COMPLETED');
  }, 240_000);

  it('leaves an app that keeps crashing down after the restart limit, reported as failed, until it is started on request', async () => {
    // Each kill lands once it serves again, before it has been up long enough to start a new row.
    for (let kill = 1; kill <= E2E_RESTART_LIMIT; kill++) {
      const { pid, restarts } = await componentNamed('notification');
      process.kill(pid!, 'SIGKILL');
      await expect
        .poll(async () => {
          const now = await componentNamed('notification');
          return now.state === 'running' && now.restarts === restarts! + 1;
        }, RESTART)
        .toBe(true);
    }
    const last = await componentNamed('notification');
    process.kill(last.pid!, 'SIGKILL');

    await expect
      .poll(async () => (await componentNamed('notification')).state, RESTART)
      .toBe('failed');
    const failed = await componentNamed('notification');
    expect(failed).toMatchObject({
      running: false,
      restarts: last.restarts,
      lastExit: { signal: 'SIGKILL' },
    });
    expect(failed.pid).toBeUndefined();

    await control.component('notification').start();
    expect(await componentNamed('notification')).toMatchObject({ state: 'running', running: true });
  }, 600_000);
});
