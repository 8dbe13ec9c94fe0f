import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../../src/index.js';
import { outcome, ScenarioContext } from '../support/scenario.js';

describe('persistence with a data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amqp-broker-data-'));
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps durable topology and persistent messages across a restart, marking delivered ones redelivered', async () => {
    const first = await start({ port: 0, dataDir: dir });
    const before = new ScenarioContext(first.url);
    const ch = await before.confirmChannel();
    await ch.assertExchange('orders', 'topic', { durable: true });
    await ch.assertQueue('kept', { durable: true });
    await ch.assertQueue('transient', { durable: false });
    await ch.bindQueue('kept', 'orders', 'order.*');
    ch.publish('orders', 'order.placed', Buffer.from('persistent'), { persistent: true });
    ch.publish('orders', 'order.placed', Buffer.from('not-persistent'));
    ch.publish('orders', 'order.placed', Buffer.from('delivered'), { persistent: true });
    await ch.waitForConfirms(); // all three routed
    await ch.get('kept');
    await ch.get('kept');
    await ch.get('kept');
    await first.stop();
    await before.close();

    const second = await start({ port: 0, dataDir: dir });
    const after = new ScenarioContext(second.url);
    const check = await after.channel();
    const bodies: string[] = [];
    for (
      let m = await check.get('kept', { noAck: true });
      m !== false;
      m = await check.get('kept', { noAck: true })
    ) {
      bodies.push(`${m.content.toString()}:${m.fields.redelivered}`);
    }
    expect(bodies.sort()).toEqual(['delivered:true', 'persistent:true']);
    expect(await outcome(check.checkExchange('orders'))).toBe('ok');
    expect(await outcome((await after.channel()).checkQueue('transient'))).toMatchObject({
      code: 404,
    });
    check.publish('orders', 'order.shipped', Buffer.from('routed'));
    await expect
      .poll(async () => (await check.checkQueue('kept')).messageCount, { timeout: 20_000 })
      .toBe(1);
    await after.close();
    await second.stop();
  });
});
