import type { Channel, ConsumeMessage, Message } from 'amqplib';
import { expect, vi } from 'vitest';
import { outcome, type Scenario, type ScenarioContext } from '../support/scenario.js';

interface Seen {
  body: string;
  redelivered: boolean;
  tag: number;
  count?: unknown;
}

function seen(m: Message): Seen {
  const count: unknown = m.properties.headers?.['x-delivery-count'];
  return {
    body: m.content.toString(),
    redelivered: m.fields.redelivered,
    tag: m.fields.deliveryTag,
    ...(count === undefined ? {} : { count }),
  };
}

async function queueWith(
  ctx: ScenarioContext,
  ch: Channel,
  suffix: string,
  bodies: string[],
  quorum = false,
): Promise<string> {
  const q = ctx.name(suffix);
  await ch.assertQueue(
    q,
    quorum ? { durable: true, arguments: { 'x-queue-type': 'quorum' } } : { durable: false },
  );
  // Published on a confirm channel: once confirmed, every body is in the queue.
  const publisher = await ctx.confirmChannel();
  for (const body of bodies) publisher.sendToQueue(q, Buffer.from(body));
  await publisher.waitForConfirms();
  return q;
}

async function requeueOrder(ctx: ScenarioContext, quorum: boolean): Promise<unknown> {
  const ch = await ctx.channel();
  const q = await queueWith(
    ctx,
    ch,
    quorum ? 'quorum-order' : 'classic-order',
    ['m1', 'm2', 'm3', 'm4', 'm5'],
    quorum,
  );
  const got: Message[] = [];
  for (let i = 0; i < 5; i++) {
    const m = await ch.get(q);
    if (m !== false) got.push(m);
  }
  // Give back m4, then m2: classic restores positions, quorum serves returns first in return order.
  ch.nack(got[3]!, false, true);
  ch.nack(got[1]!, false, true);
  await expect.poll(async () => (await ch.checkQueue(q)).messageCount, { timeout: 5000 }).toBe(2);
  const after: Seen[] = [];
  for (let m = await ch.get(q, { noAck: true }); m !== false; m = await ch.get(q, { noAck: true }))
    after.push(seen(m));
  ch.ack(got[0]!);
  await ch.deleteQueue(q);
  return after.map(({ tag: _tag, ...rest }) => rest);
}

export const consumptionScenarios: Scenario[] = [
  {
    name: 'a classic queue puts returned messages back at their original position',
    run: (ctx) => requeueOrder(ctx, false),
  },
  {
    name: 'a quorum queue serves returned messages first, in the order they came back',
    run: (ctx) => requeueOrder(ctx, true),
  },
  {
    name: 'per-consumer prefetch limits each consumer; global prefetch limits the channel; consumers take turns',
    async run(ctx) {
      const ch = await ctx.channel();
      const q = await queueWith(ctx, ch, 'prefetch', ['1', '2', '3', '4', '5', '6', '7', '8']);
      await ch.prefetch(2);
      const a: string[] = [];
      const b: string[] = [];
      await ch.consume(q, (m) => m && a.push(m.content.toString()));
      await ch.consume(q, (m) => m && b.push(m.content.toString()));
      // The broker has settled when four are out and four still ready: without the
      // limit it would have handed out all eight.
      await untilDispatched(ch, q, () => a.length + b.length, { out: 4, ready: 4 });
      const perConsumer = { a: [...a], b: [...b] };
      const ch2 = await ctx.channel();
      const q2 = await queueWith(ctx, ch2, 'global', ['1', '2', '3', '4', '5']);
      await ch2.prefetch(3, true);
      const c: string[] = [];
      await ch2.consume(q2, (m) => m && c.push(m.content.toString()));
      await ch2.consume(q2, (m) => m && c.push(m.content.toString()));
      await untilDispatched(ch2, q2, () => c.length, { out: 3, ready: 2 });
      expect(perConsumer.a).toHaveLength(2);
      return { perConsumer, global: c.length, remaining: (await ch2.checkQueue(q2)).messageCount };
    },
  },
  {
    name: 'basic.get reports the messages left; multiple ack, nackAll and recover; unknown and double acks are 406',
    async run(ctx) {
      const ch = await ctx.channel();
      const q = await queueWith(ctx, ch, 'acks', ['a', 'b', 'c', 'd']);
      const first = await ch.get(q);
      const second = await ch.get(q);
      const counts = [first && first.fields.messageCount, second && second.fields.messageCount];
      if (second !== false) ch.ack(second, true);
      const third = await ch.get(q);
      ch.nackAll(true);
      // c is back with d; the count is the observation once it settles there.
      await expect
        .poll(async () => (await ch.checkQueue(q)).messageCount, { timeout: 5000 })
        .toBe(2);
      const afterNackAll = (await ch.checkQueue(q)).messageCount;
      const consumer = await ctx.channel();
      const delivered: Seen[] = [];
      await consumer.consume(q, (m) => m && delivered.push(seen(m)));
      await expect.poll(() => delivered.length, { timeout: 5000 }).toBe(2);
      await consumer.recover();
      await expect.poll(() => delivered.length, { timeout: 5000 }).toBe(4);
      const doubleAck = await ctx.channel();
      const m = await (async () => {
        await doubleAck.assertQueue(ctx.name('double'), { durable: false });
        doubleAck.sendToQueue(ctx.name('double'), Buffer.from('x'));
        return vi.waitFor(async () => {
          const got = await doubleAck.get(ctx.name('double'));
          if (got === false) throw new Error('not queued yet');
          return got;
        });
      })();
      doubleAck.ack(m);
      doubleAck.ack(m);
      const unknown = await ctx.channel();
      unknown.ack({ fields: { deliveryTag: 99 } } as ConsumeMessage);
      return {
        counts,
        third: third && third.content.toString(),
        afterNackAll,
        delivered: delivered.map((d) => `${d.body}:${d.redelivered}`).sort(),
        doubleAck: await outcome(doubleAck.checkQueue(ctx.name('double'))),
        unknownTag: await outcome(unknown.checkQueue(q)),
      };
    },
  },
  {
    name: 'closing a channel or killing its socket requeues unacked messages as redelivered',
    async run(ctx) {
      const ch = await ctx.channel();
      const q = await queueWith(ctx, ch, 'loss', ['a', 'b']);
      const holder = await ctx.channel();
      await holder.get(q);
      await holder.close();
      // The message it held is ready again.
      await expect
        .poll(async () => (await ch.checkQueue(q)).messageCount, { timeout: 5000 })
        .toBe(2);
      const connection = await ctx.connect();
      const victim = await ctx.channel(connection);
      await victim.get(q);
      // Simulates a crash: the socket goes without a connection.close.
      (connection.connection as unknown as { stream: { destroy(): void } }).stream.destroy();
      // The broker notices the dead socket and requeues what it held.
      await expect
        .poll(async () => (await ch.checkQueue(q)).messageCount, { timeout: 5000 })
        .toBe(2);
      const after: Seen[] = [];
      for (
        let m = await ch.get(q, { noAck: true });
        m !== false;
        m = await ch.get(q, { noAck: true })
      )
        after.push(seen(m));
      expect(after.find((s) => s.body === 'a')?.redelivered).toBe(true);
      return after.map((s) => `${s.body}:${s.redelivered}`).sort();
    },
  },
  {
    name: 'deleting a queue cancels its consumers; a reused consumer tag closes the connection with 530',
    async run(ctx) {
      const ch = await ctx.channel();
      const q = await queueWith(ctx, ch, 'cancel', []);
      const cancelled: unknown[] = [];
      await ch.consume(q, (m) => cancelled.push(m), { consumerTag: 'mine' });
      await (await ctx.channel()).deleteQueue(q);
      await expect.poll(() => cancelled.length, { timeout: 5000 }).toBe(1);
      const connection = await ctx.connect();
      const reuse = await ctx.channel(connection);
      const q2 = await queueWith(ctx, reuse, 'reuse', []);
      await reuse.consume(q2, () => undefined, { consumerTag: 'same' });
      const closed = new Promise<unknown>((resolve) =>
        connection.on('error', (e: { code: number }) => {
          resolve(e.code);
        }),
      );
      const second = await outcome(reuse.consume(q2, () => undefined, { consumerTag: 'same' }));
      return { cancelled, second, connectionError: await closed };
    },
  },
];

// Waits until the consumers hold `out` messages and the queue still has `ready`:
// a positive sign that dispatch stopped at the prefetch limit, not a pause.
async function untilDispatched(
  ch: Channel,
  queue: string,
  delivered: () => number,
  expected: { out: number; ready: number },
): Promise<void> {
  await vi.waitFor(
    async () => {
      const ready = (await ch.checkQueue(queue)).messageCount;
      if (delivered() < expected.out || ready !== expected.ready)
        throw new Error(
          `${delivered()} delivered and ${ready} ready; want ${expected.out} and ${expected.ready}`,
        );
    },
    { timeout: 15_000, interval: 50 },
  );
}
