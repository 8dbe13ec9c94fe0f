import { expect } from 'vitest';
import type { Scenario } from '../support/scenario.js';

export const confirmScenarios: Scenario[] = [
  {
    name: 'a burst of 2,000 confirmed publishes is confirmed in full, and every message arrives',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const q = ctx.name('burst');
      await ch.assertQueue(q, { durable: false });
      const confirmed = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        ch.sendToQueue(q, Buffer.from(String(i)), {}, (error) => {
          if (error === null || error === undefined) confirmed.add(i);
        });
      }
      await ch.waitForConfirms();
      const { messageCount } = await ch.checkQueue(q);
      expect(confirmed.size).toBe(2000);
      return { confirmed: confirmed.size, messageCount };
    },
  },
  {
    name: 'x-overflow reject-publish nacks the publishes a full queue refuses',
    async run(ctx) {
      const ch = await ctx.confirmChannel();
      const q = ctx.name('full');
      await ch.assertQueue(q, {
        durable: false,
        arguments: { 'x-max-length': 2, 'x-overflow': 'reject-publish' },
      });
      const results: string[] = [];
      await Promise.all(
        [0, 1, 2, 3].map(
          (i) =>
            new Promise<void>((resolve) => {
              ch.sendToQueue(q, Buffer.from(String(i)), {}, (error) => {
                results[i] = error === null || error === undefined ? 'ack' : 'nack';
                resolve();
              });
            }),
        ),
      );
      const { messageCount } = await ch.checkQueue(q);
      expect(results).toEqual(['ack', 'ack', 'nack', 'nack']);
      return { results, messageCount };
    },
  },
];
