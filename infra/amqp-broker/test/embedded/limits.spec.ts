import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBroker } from '../../src/index.js';
import { RawAmqpClient } from '../support/raw-amqp-client.js';

// What only the embedded broker does: RabbitMQ 3.10 reads a whole body before
// comparing it with max_message_size (see limits.scenarios.ts for the answer
// both give); the stand-in refuses at the content header, before buffering.
describe('the embedded broker refuses oversized content before buffering it', () => {
  const maxMessageSize = 64 * 1024;
  let broker: RunningBroker;
  beforeAll(async () => {
    broker = await start({ port: 0, maxMessageSize, maxBufferedContentBytes: 100 * 1024 });
  });
  afterAll(async () => {
    await broker.stop();
  });

  async function opened(): Promise<RawAmqpClient> {
    const client = await RawAmqpClient.connect(broker.url);
    await client.open();
    return client;
  }

  const publishArgs = {
    ticket: 0,
    exchange: '',
    routingKey: 'q',
    mandatory: false,
    immediate: false,
  };

  it('closes the channel with 406 when a content header announces 2⁴⁰ bytes, no body sent', async () => {
    const client = await opened();
    client.send(1, 'BasicPublish', publishArgs);
    client.sendContentHeader(1, 2 ** 40);
    const close = await client.until('ChannelClose');
    expect(close.args).toMatchObject({ replyCode: 406, classId: 60, methodId: 40 });
    expect(close.name === 'ChannelClose' && close.args.replyText).toBe(
      `PRECONDITION_FAILED - message size ${2 ** 40} is larger than configured max size ${maxMessageSize}`,
    );
    client.destroy();
  });

  it('closes the connection with 506 when unfinished publishes on its channels announce more than it may buffer', async () => {
    const client = await opened();
    client.send(2, 'ChannelOpen', { outOfBand: '' });
    await client.until('ChannelOpenOk');
    client.send(1, 'BasicPublish', publishArgs);
    client.sendContentHeader(1, maxMessageSize);
    client.send(2, 'BasicPublish', publishArgs);
    client.sendContentHeader(2, maxMessageSize);
    const observed = await client.untilClosed();
    expect(observed.close).toEqual({ code: 506, classId: 60, methodId: 40 });
  });

  it('still confirms publishes one after another of max_message_size each', async () => {
    const client = await opened();
    client.send(1, 'ConfirmSelect', { nowait: false });
    await client.until('ConfirmSelectOk');
    for (let i = 0; i < 3; i++) {
      client.send(1, 'BasicPublish', publishArgs);
      client.sendContentHeader(1, maxMessageSize);
      client.sendBody(1, Buffer.alloc(maxMessageSize));
    }
    const lastAcked = () =>
      client.received.some((m) => m.name === 'BasicAck' && m.args.deliveryTag === 3);
    await expect.poll(lastAcked, { timeout: 20_000 }).toBe(true);
    expect(client.observation().close).toBeUndefined();
    client.destroy();
  });
});
