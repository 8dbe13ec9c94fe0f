import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { LIMITED, NO_VHOST, PUBLISHER } from '../support/scenario-users.js';
import type { Scenario, ScenarioContext } from '../support/scenario.js';

interface Refusal {
  readonly code: number | string;
  readonly classId?: number;
  readonly methodId?: number;
  readonly text: string;
}

/** 'ok', or the close code, offending method and reply text of a refused operation. */
async function attempt(operation: Promise<unknown>): Promise<'ok' | Refusal> {
  try {
    await operation;
    return 'ok';
  } catch (error) {
    const { code, classId, methodId, message } = error as Error & Partial<Refusal>;
    // amqplib's message quotes the broker's reply text.
    const text = /(?:ACCESS_REFUSED|NOT_ALLOWED|NOT_FOUND) - [^"]*/.exec(message)?.[0] ?? message;
    return { code: code ?? 'none', classId, methodId, text };
  }
}

/** A fresh channel per attempt: a refusal closes the channel it happened on. */
function on(ctx: ScenarioContext, connection: ChannelModel) {
  return async (use: (ch: Channel) => Promise<unknown>) =>
    attempt(use(await ctx.channel(connection)));
}

export const accessScenarios: Scenario[] = [
  {
    name: 'a wrong password, an unknown user or a user without the vhost is refused at login',
    async run(ctx) {
      return {
        wrongPassword: await attempt(ctx.connect({ ...LIMITED, password: 'wrong' })),
        unknownUser: await attempt(ctx.connect({ username: 'nobody', password: 'x' })),
        noPermissionsOnVhost: await attempt(ctx.connect(NO_VHOST)),
        rightPassword: await attempt(ctx.connect(LIMITED)),
      };
    },
  },
  {
    name: 'AMQPLAIN credentials log in as PLAIN ones do',
    async run(ctx) {
      const credentials = amqp.credentials.amqplain(LIMITED.username, LIMITED.password);
      const wrong = amqp.credentials.amqplain(LIMITED.username, 'wrong');
      return {
        right: await attempt(ctx.connect({ credentials })),
        wrong: await attempt(ctx.connect({ credentials: wrong })),
      };
    },
  },
  {
    name: 'configure, write and read permissions are checked on declare, bind, publish, consume and get',
    async run(ctx) {
      const admin = await ctx.channel();
      const [theirX, theirQ] = [ctx.name('theirs.x'), ctx.name('theirs.q')];
      await admin.assertExchange(theirX, 'direct', { durable: false });
      await admin.assertQueue(theirQ, { durable: false });
      const [mineX, mineQ] = [ctx.name('mine.x'), ctx.name('mine.q')];
      const attemptAs = on(ctx, await ctx.connect(LIMITED));
      return {
        declareOwnExchange: await attemptAs((ch) => ch.assertExchange(mineX, 'fanout')),
        declareOwnQueue: await attemptAs((ch) => ch.assertQueue(mineQ, { durable: false })),
        bindOwn: await attemptAs((ch) => ch.bindQueue(mineQ, mineX, '')),
        publishOwn: await attemptAs(async (ch) => {
          ch.publish(mineX, '', Buffer.from('x'));
          return ch.checkQueue(mineQ);
        }),
        getOwn: await attemptAs(async (ch) => (await ch.get(mineQ, { noAck: true })) !== false),
        declareTheirExchange: await attemptAs((ch) => ch.assertExchange(theirX, 'direct')),
        declareTheirQueue: await attemptAs((ch) => ch.assertQueue(theirQ, { durable: false })),
        passiveTheirQueue: await attemptAs((ch) => ch.checkQueue(theirQ)),
        passiveTheirExchange: await attemptAs((ch) => ch.checkExchange(theirX)),
        bindOwnQueueToTheirExchange: await attemptAs((ch) => ch.bindQueue(mineQ, theirX, 'k')),
        bindTheirQueueToOwnExchange: await attemptAs((ch) => ch.bindQueue(theirQ, mineX, 'k')),
        unbindFromTheirExchange: await attemptAs((ch) => ch.unbindQueue(mineQ, theirX, 'k')),
        exchangeBindFromTheirs: await attemptAs((ch) => ch.bindExchange(mineX, theirX, 'k')),
        publishToTheirExchange: await attemptAs(async (ch) => {
          ch.publish(theirX, 'k', Buffer.from('x'));
          return ch.checkQueue(mineQ);
        }),
        publishToDefaultExchange: await attemptAs(async (ch) => {
          ch.sendToQueue(mineQ, Buffer.from('x'));
          return ch.checkQueue(mineQ);
        }),
        consumeTheirQueue: await attemptAs((ch) => ch.consume(theirQ, () => undefined)),
        getTheirQueue: await attemptAs((ch) => ch.get(theirQ)),
        purgeTheirQueue: await attemptAs((ch) => ch.purgeQueue(theirQ)),
        deleteTheirQueue: await attemptAs((ch) => ch.deleteQueue(theirQ)),
        deleteTheirExchange: await attemptAs((ch) => ch.deleteExchange(theirX)),
        deadLetterToTheirExchange: await attemptAs((ch) =>
          ch.assertQueue(ctx.name('mine.dl'), { durable: false, deadLetterExchange: theirX }),
        ),
        deleteOwn: await attemptAs(async (ch) => {
          await ch.deleteQueue(mineQ);
          await ch.deleteExchange(mineX);
        }),
      };
    },
  },
  {
    name: 'a publish-only user publishes to its exchange and may not consume, declare or use the default exchange',
    async run(ctx) {
      const admin = await ctx.channel();
      const [commands, queue] = [ctx.name('commands'), ctx.name('work')];
      await admin.assertExchange(commands, 'direct', { durable: false });
      await admin.assertQueue(queue, { durable: false });
      await admin.bindQueue(queue, commands, 'k');
      const connection = await ctx.connect(PUBLISHER);
      const attemptAs = on(ctx, connection);
      const confirmed = await ctx.confirmChannel(connection);
      confirmed.publish(commands, 'k', Buffer.from('command'), { mandatory: true });
      const published = await attempt(confirmed.waitForConfirms());
      const delivered = await admin.get(queue, { noAck: true });
      return {
        published,
        delivered: delivered === false ? 'nothing' : delivered.content.toString(),
        consume: await attemptAs((ch) => ch.consume(queue, () => undefined)),
        declareExchange: await attemptAs((ch) => ch.assertExchange(commands, 'direct')),
        passiveExchange: await attemptAs((ch) => ch.checkExchange(commands)),
        sendToQueue: await attemptAs(async (ch) => {
          ch.sendToQueue(queue, Buffer.from('x'));
          return ch.checkQueue(queue);
        }),
      };
    },
  },
];
