import type { Socket } from 'node:net';
import { decodeContentHeader } from '../codec/content-header.codec.js';
import {
  FrameError,
  FrameParser,
  FrameType,
  PROTOCOL_HEADER,
  type Frame,
} from '../codec/frame.codec.js';
import { FrameWriter } from '../codec/frame.writer.js';
import type { Method, MethodArgs, MethodName } from '../codec/method-definitions.js';
import { decodeMethod, UnknownMethodError } from '../codec/method.codec.js';
import { AmqpError, ReplyCode } from '../model/amqp-error.js';
import type { BrokerContext } from './broker-context.js';
import { Channel } from './channel.js';
import { Handshake } from './handshake.js';
import { Heartbeats } from './heartbeats.js';

const WRITE_HIGH_WATER = 4 * 1024 * 1024;

/** One client connection: frames in, the handshake, channels, frames out. */
export class Connection {
  readonly id: number;
  readonly channels = new Map<number, Channel>();
  readonly writer = new FrameWriter();
  frameMax = 131072;
  private parser = new FrameParser(this.frameMax);
  private readonly handshake: Handshake;
  private readonly heartbeats: Heartbeats;
  private gotHeader = false;
  private closing = false;
  private closed = false;
  private flushScheduled = false;
  private readonly beforeFlush = new Set<() => void>();

  constructor(
    readonly socket: Socket,
    readonly context: BrokerContext,
  ) {
    this.id = context.nextConnectionId++;
    this.handshake = new Handshake(this);
    this.heartbeats = new Heartbeats(this);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.receive(chunk);
    });
    socket.on('drain', () => {
      socket.resume();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.cleanUp();
    });
  }

  get isOpen(): boolean {
    return this.handshake.isOpen && !this.closing && !this.closed;
  }

  send<N extends MethodName>(channel: number, name: N, args: MethodArgs<N>): void {
    this.writer.method(channel, name, args);
    this.scheduleFlush();
  }

  /** Runs `hook` right before the next write (channels batch confirms this way). */
  onNextFlush(hook: () => void): void {
    this.beforeFlush.add(hook);
    this.scheduleFlush();
  }

  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flush();
    });
  }

  flush(): void {
    this.flushScheduled = false;
    for (const hook of this.beforeFlush) hook();
    this.beforeFlush.clear();
    if (this.writer.size === 0 || this.socket.destroyed) return;
    // Stop reading while the client does not keep up: publishers then wait on TCP.
    if (!this.socket.write(this.writer.take()) && this.socket.writableLength > WRITE_HIGH_WATER)
      this.socket.pause();
  }

  setTuning(frameMax: number, heartbeatSeconds: number): void {
    this.frameMax = frameMax;
    this.parser.setFrameMax(frameMax);
    this.heartbeats.start(heartbeatSeconds);
  }

  /** A connection error: connection.close, then wait for close-ok (briefly). */
  fail(error: AmqpError, classId = 0, methodId = 0): void {
    if (this.closing || this.closed) return;
    this.closing = true;
    this.releaseChannels();
    this.send(0, 'ConnectionClose', {
      replyCode: error.code,
      replyText: error.replyText,
      classId,
      methodId,
    });
    this.flush();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.heartbeats.received();
    let data = chunk;
    if (!this.gotHeader) {
      if (data.length < PROTOCOL_HEADER.length) return void this.socket.end(PROTOCOL_HEADER);
      if (!data.subarray(0, PROTOCOL_HEADER.length).equals(PROTOCOL_HEADER))
        return void this.socket.end(PROTOCOL_HEADER);
      this.gotHeader = true;
      this.handshake.begin();
      data = data.subarray(PROTOCOL_HEADER.length);
    }
    try {
      for (const frame of this.parser.push(data)) this.dispatch(frame);
    } catch (error) {
      if (error instanceof FrameError)
        this.fail(new AmqpError(ReplyCode.frameError, error.message));
      else if (error instanceof UnknownMethodError)
        this.fail(
          new AmqpError(ReplyCode.commandInvalid, error.message),
          error.classId,
          error.methodId,
        );
      else if (error instanceof RangeError)
        this.fail(new AmqpError(ReplyCode.syntaxError, error.message));
      else throw error;
    }
  }

  private dispatch(frame: Frame): void {
    if (this.closed) return;
    if (frame.type === FrameType.heartbeat) return;
    if (frame.channel === 0) {
      if (frame.type !== FrameType.method) {
        this.fail(new AmqpError(ReplyCode.unexpectedFrame, 'content on channel 0'));
        return;
      }
      this.connectionMethod(decodeMethod(frame.payload));
      return;
    }
    if (this.closing) return;
    if (!this.handshake.isOpen) {
      this.fail(new AmqpError(ReplyCode.channelError, 'connection not open'));
      return;
    }
    const method = frame.type === FrameType.method ? decodeMethod(frame.payload) : undefined;
    let channel = this.channels.get(frame.channel);
    if (method?.name === 'ChannelOpen') {
      if (channel !== undefined) {
        this.fail(new AmqpError(ReplyCode.channelError, 'second channel.open'), 20, 10);
        return;
      }
      channel = new Channel(this, frame.channel);
      this.channels.set(frame.channel, channel);
      this.send(frame.channel, 'ChannelOpenOk', { channelId: Buffer.alloc(0) });
      return;
    }
    if (channel === undefined) {
      this.fail(
        new AmqpError(
          ReplyCode.channelError,
          `expected 'channel.open' on channel ${frame.channel}`,
        ),
      );
      return;
    }
    if (method !== undefined) channel.handleMethod(method);
    else if (frame.type === FrameType.header)
      channel.handleHeader(decodeContentHeader(frame.payload));
    else if (frame.type === FrameType.body) channel.handleBody(frame.payload);
  }

  private connectionMethod(method: Method): void {
    if (method.name === 'ConnectionClose') {
      this.releaseChannels();
      this.send(0, 'ConnectionCloseOk', {});
      this.flush();
      this.closed = true;
      this.socket.end();
      return;
    }
    if (method.name === 'ConnectionCloseOk') return void this.socket.destroy();
    if (this.closing) return;
    this.handshake.handle(method);
  }

  channelClosed(id: number): void {
    this.channels.delete(id);
  }

  private releaseChannels(): void {
    for (const channel of this.channels.values()) channel.release();
    this.channels.clear();
  }

  private cleanUp(): void {
    this.closed = true;
    this.heartbeats.stop();
    this.releaseChannels();
    this.context.vhost.connectionClosed(this.id);
  }
}
