import { connect, type Socket } from 'node:net';
import { writeContentHeader } from '../../src/codec/content-header.codec.js';
import { Writer } from '../../src/codec/field-table.writer.js';
import { FRAME_END, FrameParser, FrameType, PROTOCOL_HEADER } from '../../src/codec/frame.codec.js';
import { FrameWriter } from '../../src/codec/frame.writer.js';
import type { Method, MethodArgs, MethodName } from '../../src/codec/method-definitions.js';
import { decodeMethod } from '../../src/codec/method.codec.js';

/** What a raw client saw: the methods it received, in order, and whether the socket closed. */
export interface RawObservation {
  readonly methods: readonly string[];
  readonly close?: { readonly code: number; readonly classId: number; readonly methodId: number };
  readonly socketClosed: boolean;
}

/**
 * A client that writes AMQP frames byte by byte, for what amqplib will not
 * send: a stalled handshake, a content header announcing 2⁴⁰ bytes, a frame
 * above frame_max.
 */
export class RawAmqpClient {
  readonly received: Method[] = [];
  private readonly parser = new FrameParser(Number.MAX_SAFE_INTEGER);
  private readonly waiters = new Set<() => void>();
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.parser.push(chunk))
        if (frame.type === FrameType.method) this.received.push(decodeMethod(frame.payload));
      this.notify();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
  }

  static async connect(url: string): Promise<RawAmqpClient> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve).once('error', reject);
    });
    return new RawAmqpClient(socket);
  }

  /** Sends the protocol header, logs in as guest and opens vhost '/' with the given frame-max. */
  async open(frameMax = 131072): Promise<void> {
    this.write(PROTOCOL_HEADER);
    await this.until('ConnectionStart');
    this.send(0, 'ConnectionStartOk', {
      clientProperties: new Map(),
      mechanism: 'PLAIN',
      response: Buffer.from('\0guest\0guest'),
      locale: 'en_US',
    });
    await this.until('ConnectionTune');
    this.send(0, 'ConnectionTuneOk', { channelMax: 2047, frameMax, heartbeat: 0 });
    this.send(0, 'ConnectionOpen', { virtualHost: '/', capabilities: '', insist: false });
    await this.until('ConnectionOpenOk');
    this.send(1, 'ChannelOpen', { outOfBand: '' });
    await this.until('ChannelOpenOk');
  }

  send<N extends MethodName>(channel: number, name: N, args: MethodArgs<N>): void {
    const writer = new FrameWriter();
    writer.method(channel, name, args);
    this.write(writer.take());
  }

  /** A content header announcing `bodySize` bytes, without sending any of them. */
  sendContentHeader(channel: number, bodySize: number): void {
    const payload = new Writer();
    writeContentHeader(payload, bodySize, {});
    const bytes = payload.result();
    this.write(frameHeader(FrameType.header, channel, bytes.length));
    this.write(Buffer.concat([bytes, Buffer.from([FRAME_END])]));
  }

  sendBody(channel: number, payload: Buffer): void {
    this.write(frameHeader(FrameType.body, channel, payload.length));
    this.write(Buffer.concat([payload, Buffer.from([FRAME_END])]));
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves once a method of that name has arrived; rejects if the socket closes first. */
  async until(name: MethodName): Promise<Method> {
    for (;;) {
      const method = this.received.find((m) => m.name === name);
      if (method !== undefined) return method;
      if (this.closed)
        throw new Error(
          `socket closed before ${name} (received ${this.received.map((m) => m.name).join(', ')})`,
        );
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Resolves once the broker has closed the socket (answering a connection.close with close-ok). */
  async untilClosed(): Promise<RawObservation> {
    let answered = false;
    for (;;) {
      const close = this.received.find((m) => m.name === 'ConnectionClose');
      if (close !== undefined && !answered && !this.closed) {
        answered = true;
        this.send(0, 'ConnectionCloseOk', {});
      }
      if (this.closed) return this.observation();
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  observation(): RawObservation {
    const close = this.received.find(
      (m) => m.name === 'ConnectionClose' || m.name === 'ChannelClose',
    );
    return {
      methods: this.received.map((m) => m.name),
      ...(close?.name === 'ConnectionClose' || close?.name === 'ChannelClose'
        ? {
            close: {
              code: close.args.replyCode,
              classId: close.args.classId,
              methodId: close.args.methodId,
            },
          }
        : {}),
      socketClosed: this.closed,
    };
  }

  destroy(): void {
    this.socket.destroy();
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}

/** The 7-byte header of a frame announcing `size` payload bytes. */
export function frameHeader(type: number, channel: number, size: number): Buffer {
  const header = Buffer.alloc(7);
  header.writeUInt8(type, 0);
  header.writeUInt16BE(channel, 1);
  header.writeUInt32BE(size, 3);
  return header;
}
