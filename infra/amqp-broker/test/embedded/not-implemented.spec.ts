import type { Channel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBroker } from '../../src/index.js';
import { ScenarioContext, type ProtocolFailure } from '../support/scenario.js';

describe('what the embedded broker leaves out', () => {
  let broker: RunningBroker;
  let ctx: ScenarioContext;
  beforeAll(async () => {
    broker = await start({ port: 0 });
    ctx = new ScenarioContext(broker.url);
  });
  afterAll(async () => {
    await ctx.close();
    await broker.stop();
  });

  // 540 is a connection error: the whole connection closes with it (amqplib
  // reports only the code for connection errors).
  async function connectionFailure(
    operation: (ch: Channel) => Promise<unknown>,
  ): Promise<ProtocolFailure> {
    const connection = await ctx.connect();
    const failure = new Promise<ProtocolFailure>((resolve) => {
      connection.on('error', (e: ProtocolFailure) => {
        resolve({ code: e.code, classId: e.classId, methodId: e.methodId });
      });
    });
    const ch = await ctx.channel(connection);
    operation(ch).catch(() => undefined);
    return failure;
  }

  it.each([
    ['priority queues', { maxPriority: 5 }],
    ['x-max-length-bytes', { arguments: { 'x-max-length-bytes': 1024 } }],
    ['single active consumer', { arguments: { 'x-single-active-consumer': true } }],
    ['streams', { durable: true, arguments: { 'x-queue-type': 'stream' } }],
  ])('refuses %s with 540 NOT_IMPLEMENTED', async (_feature, options) => {
    const failure = await connectionFailure((ch) =>
      ch.assertQueue(ctx.name('q'), { durable: false, ...options }),
    );
    expect(failure.code).toBe(540);
  });

  it('refuses bindings to a headers exchange and alternate exchanges with 540', async () => {
    const bind = await connectionFailure(async (ch) =>
      ch.bindQueue((await ch.assertQueue('', { exclusive: true })).queue, 'amq.headers', ''),
    );
    expect(bind.code).toBe(540);
    const alternate = await connectionFailure((ch) =>
      ch.assertExchange(ctx.name('x'), 'direct', { alternateExchange: 'amq.fanout' }),
    );
    expect(alternate.code).toBe(540);
  });
});
