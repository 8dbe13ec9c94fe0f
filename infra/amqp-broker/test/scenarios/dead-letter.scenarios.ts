import type { Channel, GetMessage, MessagePropertyHeaders } from 'amqplib';
import { expect, vi } from 'vitest';
import type { Scenario, ScenarioContext } from '../support/scenario.js';

// x-death times differ between brokers: compare that one is there, as a number.
function deathView(headers: MessagePropertyHeaders | undefined): unknown {
  if (headers === undefined) return undefined;
  const { 'x-death': deaths, ...rest } = headers as Record<string, unknown>;
  return {
    ...rest,
    'x-death': (deaths as Record<string, unknown>[] | undefined)?.map(({ time, ...d }) => ({
      ...d,
      time: typeof time,
    })),
  };
}

// The next message of `queue`, once there is one (dead-lettering is asynchronous).
async function nextOf(channel: Channel, queue: string, noAck: boolean): Promise<GetMessage> {
  return vi.waitFor(
    async () => {
      const message = await channel.get(queue, { noAck });
      if (message === false) throw new Error(`nothing in ${queue} yet`);
      return message;
    },
    { timeout: 5000 },
  );
}

async function getOne(ctx: ScenarioContext, queue: string): Promise<GetMessage> {
  return nextOf(await ctx.channel(), queue, true);
}

function view(m: GetMessage | false): unknown {
  if (m === false) return 'none';
  return {
    body: m.content.toString(),
    exchange: m.fields.exchange,
    routingKey: m.fields.routingKey,
    redelivered: m.fields.redelivered,
    expiration: m.properties.expiration as string | undefined,
    headers: deathView(m.properties.headers),
  };
}

export const deadLetterScenarios: Scenario[] = [
  {
    name: 'reject → TTL delay queue → back, three times: x-death counts per {queue, reason}, newest first',
    async run(ctx) {
      const ch = await ctx.channel();
      const [work, delay, dlx, back] = [
        ctx.name('work'),
        ctx.name('delay'),
        ctx.name('dlx'),
        ctx.name('back'),
      ];
      await ch.assertExchange(dlx, 'direct', { durable: false });
      await ch.assertExchange(back, 'direct', { durable: false });
      await ch.assertQueue(work, {
        durable: false,
        deadLetterExchange: dlx,
        deadLetterRoutingKey: 'retry',
      });
      await ch.assertQueue(delay, { durable: false, messageTtl: 100, deadLetterExchange: back });
      await ch.bindQueue(delay, dlx, 'retry');
      await ch.bindQueue(work, back, 'retry');
      ch.publish('', work, Buffer.from('job'), { headers: { 'z-app': 1, 'a-app': 'x' } });
      const seen: unknown[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const consumer = await ctx.channel();
        const message = await nextOf(consumer, work, false);
        seen.push(view(message));
        consumer.reject(message, false);
      }
      const last = await getOne(ctx, work);
      seen.push(view(last));
      expect(seen).toHaveLength(4);
      return seen;
    },
  },
  {
    name: 'per-message expiry dead-letters with original-expiration; a missing DLX drops silently',
    async run(ctx) {
      const ch = await ctx.channel();
      const [source, parked, dlx] = [ctx.name('source'), ctx.name('parked'), ctx.name('dlx')];
      await ch.assertExchange(dlx, 'fanout', { durable: false });
      await ch.assertQueue(parked, { durable: false });
      await ch.bindQueue(parked, dlx, '');
      await ch.assertQueue(source, { durable: false, deadLetterExchange: dlx });
      ch.publish('', source, Buffer.from('short'), { expiration: '100' });
      const expired = view(await getOne(ctx, parked));
      const orphan = ctx.name('orphan');
      await ch.assertQueue(orphan, {
        durable: false,
        deadLetterExchange: ctx.name('no-such-exchange'),
        messageTtl: 100,
      });
      // Confirmed, so the message is in the queue before the count below is
      // read: a plain publish can reach a busy broker's queue after the first
      // check answers 0, and a later count then sees it.
      const confirmed = await ctx.confirmChannel();
      confirmed.sendToQueue(orphan, Buffer.from('dropped'));
      await confirmed.waitForConfirms();
      // Expired after 100 ms; with no such exchange it goes nowhere.
      await expect
        .poll(async () => (await ch.checkQueue(orphan)).messageCount, { timeout: 5000 })
        .toBe(0);
      return { expired, orphanLeft: (await ch.checkQueue(orphan)).messageCount };
    },
  },
  {
    name: 'max-length drops the head as maxlen',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const [bounded, parked] = [ctx.name('bounded'), ctx.name('parked')];
      await ch.assertQueue(parked, { durable: false });
      await ch.assertQueue(bounded, {
        durable: false,
        maxLength: 2,
        deadLetterExchange: '',
        deadLetterRoutingKey: parked,
      });
      for (const body of ['1', '2', '3', '4']) ch.sendToQueue(bounded, Buffer.from(body));
      await ch.waitForConfirms(); // all four enqueued, so the two heads are dropped
      return {
        parked: [view(await getOne(ctx, parked)), view(await getOne(ctx, parked))],
        left: (await ch.checkQueue(bounded)).messageCount,
      };
    },
  },
  {
    name: 'a quorum queue dead-letters after delivery-limit + 1 deliveries',
    async run(ctx) {
      const ch = await ctx.channel();
      const [q, parked] = [ctx.name('limited'), ctx.name('parked')];
      await ch.assertQueue(parked, { durable: false });
      await ch.assertQueue(q, {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-delivery-limit': 2,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': parked,
        },
      });
      ch.sendToQueue(q, Buffer.from('poison'));
      const deliveries: unknown[] = [];
      const consumer = await ctx.channel();
      for (let i = 0; i < 3; i++) {
        const m = await nextOf(consumer, q, false);
        deliveries.push({
          redelivered: m.fields.redelivered,
          count: m.properties.headers?.['x-delivery-count'] as unknown,
        });
        consumer.nack(m, false, true);
      }
      // Once it is parked, the fourth get shows the queue gave up on it.
      const parkedView = view(await getOne(ctx, parked));
      deliveries.push(view(await consumer.get(q)));
      const result = { deliveries, parked: parkedView };
      await ch.deleteQueue(q);
      return result;
    },
  },
  {
    name: 'an automatic dead-letter cycle back into the same queue is dropped',
    async run(ctx) {
      const ch = await ctx.channel();
      const q = ctx.name('cycle');
      await ch.assertQueue(q, { durable: false, messageTtl: 100, deadLetterExchange: '' });
      ch.sendToQueue(q, Buffer.from('loop'));
      // Expired after 100 ms; dead-lettered into itself, the cycle is dropped.
      await expect
        .poll(async () => (await ch.checkQueue(q)).messageCount, { timeout: 5000 })
        .toBe(0);
      return { left: (await ch.checkQueue(q)).messageCount };
    },
  },
];
