import { rabbitMqUnavailableReason, start, startRabbitMq } from '@shop/amqp-broker';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMQP_LOGINS, amqpDefinitions, amqpUrlAs, type BrokerLogin } from './broker-credentials.js';

interface Engine {
  readonly port: number;
  stop(): Promise<void>;
}

const engines: Record<string, () => Promise<Engine>> = {
  embedded: async () => start({ port: 0, definitions: amqpDefinitions() }),
  real: async () => {
    const rabbit = await startRabbitMq({}, amqpDefinitions());
    return { port: Number(new URL(rabbit.url).port), stop: () => rabbit.stop() };
  },
};
const realUnavailable = rabbitMqUnavailableReason();
// Skipping the real half is a failure where RabbitMQ is required (CI's REQUIRE_RABBITMQ=1).
if (realUnavailable !== undefined && process.env.REQUIRE_RABBITMQ === '1')
  throw new Error(`REQUIRE_RABBITMQ=1 but ${realUnavailable}`);
if (realUnavailable !== undefined)
  console.warn(`[broker credentials] real half skipped: ${realUnavailable}`);

/** The ACCESS_REFUSED / NOT_ALLOWED text a refusal carries, or 'ok'. */
async function outcome(operation: Promise<unknown>): Promise<string> {
  try {
    await operation;
    return 'ok';
  } catch (error) {
    return /[A-Z_]+ - [^"]*/.exec(String(error))?.[0] ?? String(error);
  }
}

describe.each(Object.keys(engines))('the stack’s AMQP users on %s', (engine) => {
  let broker: Engine | undefined;
  const connections: ChannelModel[] = [];
  const connect = async (login: BrokerLogin): Promise<ChannelModel> => {
    const connection = await amqp.connect(amqpUrlAs(login, broker?.port ?? 0));
    connection.on('error', () => undefined);
    connections.push(connection);
    return connection;
  };
  const channelOf = async (connection: ChannelModel): Promise<Channel> => {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return channel;
  };

  beforeAll(async () => {
    if (engine === 'real' && realUnavailable !== undefined) return;
    broker = await engines[engine]?.();
  }, 240_000);
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
    await broker?.stop();
  });

  it('lets enrollment declare, bind and consume its topology and move commands to its parking lot', async (ctx) => {
    if (broker === undefined) return ctx.skip();
    const ch = await (await connect(AMQP_LOGINS.enrollment)).createConfirmChannel();
    const quorum = { 'x-queue-type': 'quorum' };
    await ch.assertExchange('enrollment.commands', 'direct', { durable: true });
    await ch.assertQueue('enrollment.grant-seat', { durable: true, arguments: quorum });
    await ch.bindQueue('enrollment.grant-seat', 'enrollment.commands', 'enrollment.grant-seat');
    await ch.assertQueue('enrollment.grant-seat.retry.1', {
      durable: true,
      arguments: {
        ...quorum,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
        'x-message-ttl': 1000,
        'x-dead-letter-exchange': 'enrollment.commands',
        'x-dead-letter-routing-key': 'enrollment.grant-seat',
      },
    });
    await ch.assertQueue('enrollment.grant-seat.parking', { durable: true, arguments: quorum });
    ch.sendToQueue('enrollment.grant-seat.parking', Buffer.from('parked'));
    await ch.waitForConfirms();
    await ch.consume('enrollment.grant-seat', () => undefined);
    await expect
      .poll(async () => (await ch.checkQueue('enrollment.grant-seat.parking')).messageCount, {
        timeout: 30_000,
      })
      .toBe(1);
  });

  it('lets checkout publish grant-seat commands to enrollment.commands, confirmed and routed', async (ctx) => {
    if (broker === undefined) return ctx.skip();
    const ch = await (await connect(AMQP_LOGINS.checkout)).createConfirmChannel();
    const returned: unknown[] = [];
    ch.on('return', (m) => returned.push(m));
    ch.publish('enrollment.commands', 'enrollment.grant-seat', Buffer.from('{}'), {
      mandatory: true,
    });
    await ch.waitForConfirms();
    expect(returned).toEqual([]);
  });

  it('refuses checkout consuming enrollment’s queue with ACCESS_REFUSED', async (ctx) => {
    if (broker === undefined) return ctx.skip();
    const checkout = await connect(AMQP_LOGINS.checkout);
    const consume = (await channelOf(checkout)).consume('enrollment.grant-seat', () => undefined);
    expect(await outcome(consume)).toBe(
      "ACCESS_REFUSED - access to queue 'enrollment.grant-seat' in vhost '/' refused for user 'checkout'",
    );
    const get = (await channelOf(checkout)).get('enrollment.grant-seat.parking');
    expect(await outcome(get)).toMatch(/^ACCESS_REFUSED - access to queue/);
    const declare = (await channelOf(checkout)).assertQueue('checkout.private');
    expect(await outcome(declare)).toMatch(/^ACCESS_REFUSED - access to queue/);
    const direct = await channelOf(checkout);
    direct.sendToQueue('enrollment.grant-seat', Buffer.from('{}'));
    expect(await outcome(direct.checkQueue('enrollment.grant-seat'))).toBe(
      "ACCESS_REFUSED - access to exchange 'amq.default' in vhost '/' refused for user 'checkout'",
    );
  });

  it('refuses a wrong password with ACCESS_REFUSED at login', async (ctx) => {
    if (broker === undefined) return ctx.skip();
    const wrong = { ...AMQP_LOGINS.enrollment, password: 'not-the-password' };
    expect(await outcome(connect(wrong))).toMatch(/^ACCESS_REFUSED - Login was refused/);
  });
});
