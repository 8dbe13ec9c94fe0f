import type { ConsumeMessage } from 'amqplib';
import { expect } from 'vitest';
import type { Scenario, ScenarioContext } from '../support/scenario.js';

async function drain(ctx: ScenarioContext, queue: string): Promise<string[]> {
  const ch = await ctx.channel();
  const bodies: string[] = [];
  for (
    let m = await ch.get(queue, { noAck: true });
    m !== false;
    m = await ch.get(queue, { noAck: true })
  ) {
    bodies.push(m.content.toString());
  }
  return bodies.sort();
}

export const routingScenarios: Scenario[] = [
  {
    name: "topic bindings: '*' is exactly one (possibly empty) word, '#' zero or more, one copy per queue",
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const x = ctx.name('topic');
      await ch.assertExchange(x, 'topic', { durable: false, autoDelete: false });
      const patterns = ['a.*', 'a.#', '#', '*', '#.b', 'a.*.b', '*.*', '', 'a', '#.#', 'a.#.b'];
      const queues: string[] = [];
      for (const [i, pattern] of patterns.entries()) {
        const q = ctx.name(`q${i}`);
        queues.push(q);
        await ch.assertQueue(q, { durable: false });
        await ch.bindQueue(q, x, pattern);
      }
      // A second binding to the same queue must not duplicate the message.
      await ch.bindQueue(queues[0]!, x, 'a.b');
      const keys = ['', 'a', 'a.b', 'a.b.b', 'a..b', '.', 'b', 'a.', 'x.y.b'];
      for (const key of keys) ch.publish(x, key, Buffer.from(key === '' ? '<empty>' : key));
      // Confirmed: every message is routed into its queues (or dropped as unroutable).
      await ch.waitForConfirms();
      const result: Record<string, string[]> = {};
      for (const [i, q] of queues.entries())
        result[patterns[i] === '' ? '<empty>' : patterns[i]!] = await drain(ctx, q);
      expect(result['#']).toHaveLength(keys.length);
      return result;
    },
  },
  {
    name: 'fanout, direct, default and exchange-to-exchange routing',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const fanout = ctx.name('fanout');
      const direct = ctx.name('direct');
      await ch.assertExchange(fanout, 'fanout', { durable: false });
      await ch.assertExchange(direct, 'direct', { durable: false });
      const [q1, q2] = [ctx.name('q1'), ctx.name('q2')];
      for (const q of [q1, q2]) await ch.assertQueue(q, { durable: false });
      await ch.bindQueue(q1, fanout, 'ignored');
      await ch.bindQueue(q2, direct, 'red');
      await ch.bindExchange(fanout, direct, 'blue');
      ch.publish(fanout, 'any', Buffer.from('fanout'));
      ch.publish(direct, 'red', Buffer.from('direct-red'));
      ch.publish(direct, 'blue', Buffer.from('direct-blue-via-fanout'));
      ch.publish(direct, 'green', Buffer.from('direct-green'));
      ch.publish('', q2, Buffer.from('default'));
      ch.publish('amq.direct', q2, Buffer.from('amq.direct-unbound'));
      // Confirmed: every message is routed into its queues (or dropped as unroutable).
      await ch.waitForConfirms();
      return { q1: await drain(ctx, q1), q2: await drain(ctx, q2) };
    },
  },
  {
    name: 'a mandatory unroutable message comes back before its confirm; publishing to a missing exchange is 404',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const events: string[] = [];
      ch.on('return', (m: ConsumeMessage) =>
        events.push(`return:${m.fields.routingKey}:${m.content.toString()}`),
      );
      await new Promise<void>((resolve, reject) => {
        ch.publish('', ctx.name('nowhere'), Buffer.from('lost'), { mandatory: true }, (error) => {
          events.push(error === null || error === undefined ? 'ack' : 'nack');
          if (error === null || error === undefined) resolve();
          else reject(error as Error);
        });
      });
      ch.publish('', ctx.name('nowhere'), Buffer.from('silently-dropped'));
      await ch.waitForConfirms();
      const other = await ctx.channel();
      const closed = new Promise<unknown>((resolve) =>
        other.on('close', () => {
          resolve('closed');
        }),
      );
      const error = new Promise<unknown>((resolve) =>
        other.on('error', (e: { code: number; classId: number; methodId: number }) => {
          resolve({ code: e.code, classId: e.classId, methodId: e.methodId });
        }),
      );
      other.publish(ctx.name('missing-exchange'), 'k', Buffer.from('x'));
      expect(events).toEqual([`return:${ctx.name('nowhere')}:lost`, 'ack']);
      return { events, error: await error, closed: await closed };
    },
  },
];
