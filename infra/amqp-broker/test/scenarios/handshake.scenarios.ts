import { expect } from 'vitest';
import { outcome, sleep, type Scenario } from '../support/scenario.js';

export const handshakeScenarios: Scenario[] = [
  {
    name: 'with frameMax 8192 a 100 KiB body is split into frames and arrives whole',
    async run(ctx) {
      const ch = await ctx.confirmChannel(await ctx.connect({ frameMax: 8192 }));
      const q = ctx.name('big');
      await ch.assertQueue(q, { durable: false });
      const body = Buffer.alloc(100 * 1024, 7);
      ch.sendToQueue(q, body);
      await ch.waitForConfirms(); // it is in the queue
      const m = await ch.get(q, { noAck: true });
      expect(m && m.content.equals(body)).toBe(true);
      return { equal: m && m.content.equals(body) };
    },
  },
  {
    name: 'an idle connection with a 1 s heartbeat stays open for 3.5 s',
    async run(ctx) {
      const connection = await ctx.connect({ heartbeat: 1 });
      let closed = false;
      connection.on('close', () => (closed = true));
      await sleep(3500); // the case itself: 3.5 s of idleness, heartbeats only
      const ch = await ctx.channel(connection);
      return { closed, usable: await outcome(ch.checkExchange('amq.direct')) };
    },
  },
  {
    name: 'a wrong password or an unknown vhost is refused',
    async run(ctx) {
      const wrongPassword = await outcome(ctx.connect({ password: 'nope' }));
      const wrongVhost = await outcome(ctx.connect({ vhost: 'elsewhere' }));
      return {
        wrongPassword: wrongPassword === 'ok' ? 'ok' : 'refused',
        wrongVhost: wrongVhost === 'ok' ? 'ok' : 'refused',
      };
    },
  },
];
