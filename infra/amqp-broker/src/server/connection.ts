import type { Socket } from 'node:net';
import {
  FRAME_MIN_SIZE,
  FrameParser,
  FrameType,
  PROTOCOL_HEADER,
  type Frame,
} from '../codec/frame.codec.js';
import type { Method, MethodArgs, MethodName } from '../codec/method-definitions.js';
import { decodeMethod } from '../codec/method.codec.js';
import { AmqpError, ReplyCode } from '../model/amqp-error.js';
import type { BrokerContext } from './broker-context.js';
import { ChannelTable } from './channel-table.js';
import { ContentBudget } from './content-budget.js';
import { frameFailure } from './frame-failure.js';
import { Handshake } from './handshake.js';
import { Heartbeats } from './heartbeats.js';
import { Outbox } from './outbox.js';

/** One client connection: frames in, the handshake, channels, frames out. */
export class Connection {
  readonly id: number;
  readonly channels = new ChannelTable(this);
  readonly outbox: Outbox;
  frameMax = 131072;
  // Until connection.tune-ok, frames are bounded by AMQP's minimum frame_max, as in RabbitMQ.
  private parser = new FrameParser(FRAME_MIN_SIZE);
  readonly contentBudget: ContentBudget;
  private readonly handshake: Handshake;
  private readonly heartbeats: Heartbeats;
  private gotHeader = false;
  private closing = false;
  private closed = false;
  private readonly handshakeTimer: NodeJS.Timeout;

  constructor(
    readonly socket: Socket,
    readonly context: BrokerContext,
  ) {
    this.id = context.nextConnectionId++;
    this.contentBudget = new ContentBudget(context.limits.maxBufferedContentBytes);
    // As RabbitMQ: a connection not open in time is closed, unanswered.
    this.handshakeTimer = setTimeout(() => {
      if (!this.handshake.isOpen) socket.destroy();
    }, context.limits.handshakeTimeoutMs);
    this.outbox = new Outbox(socket);
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
    this.outbox.send(channel, name, args);
  }

  /** connection.open-ok has been sent: the handshake timeout no longer applies. */
  opened(): void {
    clearTimeout(this.handshakeTimer);
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
    this.channels.releaseAll();
    this.send(0, 'ConnectionClose', {
      replyCode: error.code,
      replyText: error.replyText,
      classId,
      methodId,
    });
    this.outbox.flush();
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
      const { error: failure, classId, methodId } = frameFailure(error);
      // RabbitMQ answers nothing to a malformed frame before tuning: it closes the socket.
      if (!this.handshake.isTuned) return void this.socket.destroy();
      this.fail(failure, classId, methodId);
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
    this.channels.route(frame);
  }

  private connectionMethod(method: Method): void {
    if (method.name === 'ConnectionClose') {
      this.channels.releaseAll();
      this.send(0, 'ConnectionCloseOk', {});
      this.outbox.flush();
      this.closed = true;
      this.socket.end();
      return;
    }
    if (method.name === 'ConnectionCloseOk') return void this.socket.destroy();
    if (this.closing) return;
    this.handshake.handle(method);
  }

  private cleanUp(): void {
    this.closed = true;
    clearTimeout(this.handshakeTimer);
    this.heartbeats.stop();
    this.channels.releaseAll();
    this.context.vhost.connectionClosed(this.id);
  }
}
