import { decodeContentHeader } from '../codec/content-header.codec.js';
import { FrameType, type Frame } from '../codec/frame.codec.js';
import { decodeMethod } from '../codec/method.codec.js';
import { AmqpError, ReplyCode } from '../model/amqp-error.js';
import { Channel } from './channel.js';
import type { Connection } from './connection.js';

/** The open channels of one connection: channel.open creates one, its frames go to it. */
export class ChannelTable {
  private readonly byId = new Map<number, Channel>();

  constructor(private readonly connection: Connection) {}

  /** A frame for a channel other than 0, on an open connection. */
  route(frame: Frame): void {
    const method = frame.type === FrameType.method ? decodeMethod(frame.payload) : undefined;
    const channel = this.byId.get(frame.channel);
    if (method?.name === 'ChannelOpen') {
      this.open(frame.channel, channel);
      return;
    }
    if (channel === undefined) {
      const detail = `expected 'channel.open' on channel ${frame.channel}`;
      this.connection.fail(new AmqpError(ReplyCode.channelError, detail));
      return;
    }
    if (method !== undefined) channel.handleMethod(method);
    else if (frame.type === FrameType.header)
      channel.handleHeader(decodeContentHeader(frame.payload));
    else if (frame.type === FrameType.body) channel.handleBody(frame.payload);
  }

  closed(id: number): void {
    this.byId.delete(id);
  }

  /** The connection is going: every channel gives back what it holds. */
  releaseAll(): void {
    for (const channel of this.byId.values()) channel.release();
    this.byId.clear();
  }

  private open(id: number, existing: Channel | undefined): void {
    if (existing !== undefined) {
      this.connection.fail(new AmqpError(ReplyCode.channelError, 'second channel.open'), 20, 10);
      return;
    }
    this.byId.set(id, new Channel(this.connection, id));
    this.connection.send(id, 'ChannelOpenOk', { channelId: Buffer.alloc(0) });
  }
}
