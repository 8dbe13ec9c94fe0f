import { expect, vi } from 'vitest';
import { outcome, type Scenario } from '../support/scenario.js';

export const topologyScenarios: Scenario[] = [
  {
    name: 'redeclaring a queue must repeat its flags and known arguments; integers compare by value',
    async run(ctx) {
      const connection = await ctx.connect();
      const q = ctx.name('redeclare');
      const base = { durable: false, arguments: { 'x-message-ttl': 300, 'x-max-length': 60000 } };
      const first = await outcome((await ctx.channel(connection)).assertQueue(q, base));
      const attempts = {
        same: { ...base },
        sameValueWiderType: {
          durable: false,
          arguments: { 'x-message-ttl': 300, 'x-max-length': 60000, 'x-unknown': 'ignored' },
        },
        durable: { ...base, durable: true },
        autoDelete: { ...base, autoDelete: true },
        exclusive: { ...base, exclusive: true },
        otherTtl: { durable: false, arguments: { 'x-message-ttl': 301, 'x-max-length': 60000 } },
        missingArg: { durable: false, arguments: { 'x-message-ttl': 300 } },
        extraKnownArg: { ...base, arguments: { ...base.arguments, 'x-expires': 10000 } },
      };
      const results: Record<string, unknown> = { first };
      for (const [label, options] of Object.entries(attempts)) {
        results[label] = await outcome((await ctx.channel(connection)).assertQueue(q, options));
      }
      expect(results.same).toBe('ok');
      expect(results.otherTtl).toMatchObject({ code: 406 });
      return results;
    },
  },
  {
    name: 'queue arguments are validated when a queue is created',
    async run(ctx) {
      const connection = await ctx.connect();
      const cases: Record<string, Record<string, unknown>> = {
        negativeTtl: { 'x-message-ttl': -1 },
        stringTtl: { 'x-message-ttl': 'soon' },
        zeroExpires: { 'x-expires': 0 },
        routingKeyWithoutDlx: { 'x-dead-letter-routing-key': 'k' },
        deliveryLimitOnClassic: { 'x-delivery-limit': 3 },
        badOverflow: { 'x-overflow': 'explode' },
        badType: { 'x-queue-type': 'fancy' },
      };
      const results: Record<string, unknown> = {};
      for (const [label, args] of Object.entries(cases)) {
        results[label] = await outcome(
          (await ctx.channel(connection)).assertQueue(ctx.name(label), {
            durable: false,
            arguments: args,
          }),
        );
      }
      const quorum = { arguments: { 'x-queue-type': 'quorum' } };
      results.quorumNonDurable = await outcome(
        (await ctx.channel(connection)).assertQueue(ctx.name('qnd'), { ...quorum, durable: false }),
      );
      results.quorumExclusive = await outcome(
        (await ctx.channel(connection)).assertQueue(ctx.name('qex'), {
          ...quorum,
          exclusive: true,
        }),
      );
      results.quorumAutoDelete = await outcome(
        (await ctx.channel(connection)).assertQueue(ctx.name('qad'), {
          ...quorum,
          autoDelete: true,
        }),
      );
      expect(results.negativeTtl).toMatchObject({ code: 406, classId: 50, methodId: 10 });
      return results;
    },
  },
  {
    name: 'passive declares report counts or 404; server-named queues; reserved names are refused',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const named = await ch.assertQueue('', { exclusive: true });
      ch.sendToQueue(named.queue, Buffer.from('x'));
      await ch.waitForConfirms(); // it is in the queue
      const checked = await ch.checkQueue(named.queue);
      const results = {
        named,
        checked,
        missingQueue: await outcome((await ctx.channel()).checkQueue(ctx.name('missing'))),
        missingExchange: await outcome((await ctx.channel()).checkExchange(ctx.name('missing'))),
        redeclareServerNamed: await outcome(
          (await ctx.channel()).assertQueue(named.queue, { exclusive: true }),
        ),
        reservedQueue: await outcome((await ctx.channel()).assertQueue('amq.mine')),
        reservedExchange: await outcome((await ctx.channel()).assertExchange('amq.mine', 'direct')),
        predeclared: await outcome((await ctx.channel()).assertExchange('amq.topic', 'topic')),
        defaultExchangeDeclare: await outcome((await ctx.channel()).checkExchange('')),
        deleteDefault: await outcome((await ctx.channel()).deleteExchange('')),
        deleteSystem: await outcome((await ctx.channel()).deleteExchange('amq.direct')),
        bindToDefault: await outcome((await ctx.channel()).bindQueue(named.queue, '', 'k')),
        unknownType: await outcome((await ctx.channel()).assertExchange(ctx.name('x'), 'x-fancy')),
      };
      expect(results.missingQueue).toMatchObject({ code: 404 });
      return results;
    },
  },
  {
    name: 'exchange redeclare must match type and flags; deleting a missing exchange succeeds',
    async run(ctx) {
      const connection = await ctx.connect();
      const x = ctx.name('x');
      const results: Record<string, unknown> = {
        first: await outcome(
          (await ctx.channel(connection)).assertExchange(x, 'direct', { durable: false }),
        ),
        same: await outcome(
          (await ctx.channel(connection)).assertExchange(x, 'direct', { durable: false }),
        ),
        otherType: await outcome(
          (await ctx.channel(connection)).assertExchange(x, 'fanout', { durable: false }),
        ),
        durable: await outcome(
          (await ctx.channel(connection)).assertExchange(x, 'direct', { durable: true }),
        ),
        internal: await outcome(
          (await ctx.channel(connection)).assertExchange(x, 'direct', {
            durable: false,
            internal: true,
          }),
        ),
        deleteMissing: await outcome(
          (await ctx.channel(connection)).deleteExchange(ctx.name('nope')),
        ),
      };
      const ch = await ctx.channel(connection);
      const q = await ch.assertQueue('', { exclusive: true });
      await ch.bindQueue(q.queue, x, 'k');
      results.deleteInUse = await outcome(
        (await ctx.channel(connection)).deleteExchange(x, { ifUnused: true }),
      );
      results.deleteUnconditionally = await outcome(ch.deleteExchange(x));
      results.gone = await outcome((await ctx.channel(connection)).checkExchange(x));
      return results;
    },
  },
  {
    name: 'exclusive queues are locked to their connection and go with it; auto-delete and x-expires remove queues',
    async run(ctx) {
      const owner = await ctx.connect();
      const ch = await ctx.channel(owner);
      const exclusive = ctx.name('exclusive');
      await ch.assertQueue(exclusive, { exclusive: true });
      const other = await ctx.connect();
      const results: Record<string, unknown> = {
        declareFromOther: await outcome(
          (await ctx.channel(other)).assertQueue(exclusive, { exclusive: true }),
        ),
        passiveFromOther: await outcome((await ctx.channel(other)).checkQueue(exclusive)),
        consumeFromOther: await outcome(
          (await ctx.channel(other)).consume(exclusive, () => undefined),
        ),
      };
      const autoDelete = ctx.name('auto');
      await ch.assertQueue(autoDelete, { autoDelete: true, durable: false });
      const { consumerTag } = await ch.consume(autoDelete, () => undefined);
      await ch.cancel(consumerTag);
      results.autoDeleteAfterCancel = await outcome(
        (await ctx.channel(other)).checkQueue(autoDelete),
      );
      const expiring = ctx.name('expiring');
      await ch.assertQueue(expiring, { durable: false, expires: 200 });
      // Unused for 200 ms, it expires. A passive declare counts as use and restarts
      // the clock, so the checks are spaced wider than the expiry.
      results.expiredQueue = await vi.waitFor(
        async () => {
          const checked = await outcome((await ctx.channel(other)).checkQueue(expiring));
          if (checked === 'ok') throw new Error('expiring is still there');
          return checked;
        },
        { timeout: 5000, interval: 500 },
      );
      await owner.close();
      results.exclusiveAfterOwnerLeft = await vi.waitFor(async () => {
        const checked = await outcome((await ctx.channel(other)).checkQueue(exclusive));
        if (checked === 'ok') throw new Error('exclusive is still there');
        return checked;
      });
      expect(results.declareFromOther).toMatchObject({ code: 405 });
      return results;
    },
  },
  {
    name: 'queue.delete honours ifEmpty and ifUnused and reports the message count',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const q = ctx.name('del');
      await ch.assertQueue(q, { durable: false });
      ch.sendToQueue(q, Buffer.from('a'));
      ch.sendToQueue(q, Buffer.from('b'));
      await ch.waitForConfirms(); // both are in the queue
      const results: Record<string, unknown> = {
        ifEmpty: await outcome((await ctx.channel()).deleteQueue(q, { ifEmpty: true })),
      };
      const consumerChannel = await ctx.channel();
      await consumerChannel.consume(q, () => undefined);
      results.ifUnused = await outcome((await ctx.channel()).deleteQueue(q, { ifUnused: true }));
      results.deleted = await (await ctx.channel()).deleteQueue(q);
      results.deleteMissing = await (await ctx.channel()).deleteQueue(q);
      return results;
    },
  },
];
