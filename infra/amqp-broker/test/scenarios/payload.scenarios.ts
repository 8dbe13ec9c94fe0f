import { expect } from 'vitest';
import type { Scenario } from '../support/scenario.js';

export const payloadScenarios: Scenario[] = [
  {
    name: 'a 1 MiB body and an empty body pass through unchanged',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const q = ctx.name('sizes');
      await ch.assertQueue(q, { durable: false });
      const big = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < big.length; i++) big[i] = i % 251;
      ch.sendToQueue(q, big);
      ch.sendToQueue(q, Buffer.alloc(0));
      await ch.waitForConfirms(); // both are in the queue
      const first = await ch.get(q, { noAck: true });
      const second = await ch.get(q, { noAck: true });
      expect(first && first.content.equals(big)).toBe(true);
      return { big: first && first.content.equals(big), empty: second && second.content.length };
    },
  },
  {
    name: 'every property and every field-table type arrives as sent',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const q = ctx.name('props');
      await ch.assertQueue(q, { durable: false });
      ch.sendToQueue(q, Buffer.from('p'), {
        contentType: 'application/json',
        contentEncoding: 'identity',
        headers: {
          string: 'text',
          int8: 7,
          int16: 300,
          int32: 70000,
          int64: 2 ** 40,
          double: 1.5,
          negative: -5,
          bool: true,
          void: null,
          array: [1, 'two', false],
          table: { nested: 'yes', deeper: { n: 1 } },
          bytes: Buffer.from([1, 2, 3]),
          typedFloat: { '!': 'float', value: 2.5 },
          typedTimestamp: { '!': 'timestamp', value: 1700000000 },
          typedUnsigned: { '!': 'unsignedint', value: 4000000000 },
          typedDecimal: { '!': 'decimal', value: { places: 2, digits: 12345 } },
        },
        deliveryMode: 2,
        priority: 3,
        correlationId: 'corr',
        replyTo: 'reply',
        expiration: '60000',
        messageId: 'id-1',
        timestamp: 1700000000,
        type: 'kind',
        userId: 'guest',
        appId: 'app',
      });
      await ch.waitForConfirms(); // it is in the queue
      const m = await ch.get(q, { noAck: true });
      return m === false ? 'none' : m.properties;
    },
  },
];
