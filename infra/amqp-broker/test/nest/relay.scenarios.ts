import { expect } from 'vitest';
import { sleep, type Scenario } from '../support/scenario.js';

const BATCH = 500;

export const relayScenarios: Scenario[] = [
  {
    name: 'a confirm-channel relay whose connection is killed mid-batch re-sends exactly the unconfirmed messages',
    async run(ctx) {
      const q = ctx.name('relay');
      await (await ctx.channel()).assertQueue(q, { durable: false });
      const connection = await ctx.connect();
      const ch = await ctx.confirmChannel(connection);
      const confirmed = new Set<number>();
      let killed = false;
      for (let id = 0; id < BATCH; id++) {
        ch.sendToQueue(q, Buffer.from(String(id)), { messageId: String(id) }, (error) => {
          if (error !== null && error !== undefined) return;
          confirmed.add(id);
          if (!killed) {
            killed = true;
            (connection.connection as unknown as { stream: { destroy(): void } }).stream.destroy();
          }
        });
      }
      await sleep(300);
      const unconfirmed = [...Array(BATCH).keys()].filter((id) => !confirmed.has(id));
      const retry = await ctx.confirmChannel();
      for (const id of unconfirmed)
        retry.sendToQueue(q, Buffer.from(String(id)), { messageId: String(id) });
      await retry.waitForConfirms();
      const reader = await ctx.channel();
      const arrived = new Map<number, number>();
      for (
        let m = await reader.get(q, { noAck: true });
        m !== false;
        m = await reader.get(q, { noAck: true })
      ) {
        const id = Number(m.content.toString());
        arrived.set(id, (arrived.get(id) ?? 0) + 1);
      }
      const missing = [...Array(BATCH).keys()].filter((id) => !arrived.has(id));
      const duplicatedConfirmed = [...arrived].filter(([id, n]) => n > 1 && confirmed.has(id));
      expect(missing).toEqual([]);
      // Counts vary with timing; what must hold on any broker is stated as booleans.
      return {
        everyMessageArrived: missing.length === 0,
        someWereUnconfirmed: unconfirmed.length > 0,
        confirmedWereNotResent: duplicatedConfirmed.length === 0,
      };
    },
  },
];
