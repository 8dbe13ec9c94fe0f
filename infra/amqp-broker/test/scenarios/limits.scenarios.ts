import { FrameType, PROTOCOL_HEADER } from '../../src/codec/frame.codec.js';
import { FrameWriter } from '../../src/codec/frame.writer.js';
import { SHARED_BROKER_LIMITS } from '../support/broker-limits.js';
import { frameHeader, RawAmqpClient, type RawObservation } from '../support/raw-amqp-client.js';
import type { Scenario, ScenarioContext } from '../support/scenario.js';

const { maxMessageSize } = SHARED_BROKER_LIMITS;

async function raw<T>(ctx: ScenarioContext, use: (c: RawAmqpClient) => Promise<T>): Promise<T> {
  const client = await RawAmqpClient.connect(ctx.url);
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

function publishArgs(routingKey: string) {
  return { ticket: 0, exchange: '', routingKey, mandatory: false, immediate: false };
}

/** Publishes `bodySize` bytes to a fresh queue on a confirm channel, in body frames of `frameMax`. */
async function publish(
  ctx: ScenarioContext,
  bodySize: number,
  frameMax = 131072,
): Promise<RawObservation & { anotherChannelOpens: boolean }> {
  return raw(ctx, async (c) => {
    await c.open(frameMax);
    const queue = ctx.name(`limits${bodySize}`);
    c.send(1, 'QueueDeclare', {
      ...{ ticket: 0, queue, passive: false, durable: false, exclusive: true },
      ...{ autoDelete: false, nowait: false, arguments: new Map() },
    });
    await c.until('QueueDeclareOk');
    c.send(1, 'ConfirmSelect', { nowait: false });
    await c.until('ConfirmSelectOk');
    c.send(1, 'BasicPublish', publishArgs(queue));
    const writer = new FrameWriter();
    writer.content(1, {}, Buffer.alloc(bodySize, 1), frameMax);
    c.write(writer.take());
    await Promise.race([c.until('BasicAck'), c.until('ChannelClose')]);
    const answer = c.observation();
    // The connection outlives a refused publish: another channel opens on it.
    c.received.length = 0;
    c.send(2, 'ChannelOpen', { outOfBand: '' });
    await c.until('ChannelOpenOk');
    return { ...answer, anotherChannelOpens: true };
  });
}

export const limitScenarios: Scenario[] = [
  {
    name: 'a client that sends nothing is disconnected after the handshake timeout, unanswered',
    run: (ctx) => raw(ctx, (c) => c.untilClosed()),
  },
  {
    name: 'a client that stops after the protocol header is disconnected after the handshake timeout without connection.close',
    run: (ctx) =>
      raw(ctx, async (c) => {
        c.write(PROTOCOL_HEADER);
        return c.untilClosed();
      }),
  },
  {
    name: 'a body of max_message_size bytes is confirmed; one byte more closes the channel with 406 on basic.publish',
    async run(ctx) {
      return {
        atLimit: await publish(ctx, maxMessageSize),
        overLimit: await publish(ctx, maxMessageSize + 1),
      };
    },
  },
  {
    name: 'with frame_max 4096 a frame of 4096 payload bytes is taken; one announcing 4097 is a connection error 501 before its payload',
    run: (ctx) =>
      raw(ctx, async (c) => {
        await c.open(4096);
        c.send(1, 'ConfirmSelect', { nowait: false });
        await c.until('ConfirmSelectOk');
        // RabbitMQ tolerates a frame 8 bytes above frame_max (a frame of frame_max payload bytes).
        c.send(1, 'BasicPublish', publishArgs('nowhere'));
        const writer = new FrameWriter();
        writer.content(1, {}, Buffer.alloc(4096, 1), 4096 + 8);
        c.write(writer.take());
        await c.until('BasicAck');
        const atLimit = c.observation();
        c.send(1, 'BasicPublish', publishArgs('nowhere'));
        c.sendContentHeader(1, 10_000);
        c.write(frameHeader(FrameType.body, 1, 4097));
        return { atLimit, overLimit: await c.untilClosed() };
      }),
  },
  {
    name: 'a frame above 4096 bytes before connection.tune-ok closes the socket unanswered',
    run: (ctx) =>
      raw(ctx, async (c) => {
        c.write(PROTOCOL_HEADER);
        await c.until('ConnectionStart');
        c.write(frameHeader(FrameType.method, 0, 4097));
        return c.untilClosed();
      }),
  },
];
