import type { Socket } from 'node:net';
import { API_HANDLERS } from '../handlers/index.js';
import {
  startResponse,
  type BrokerContext,
  type HandlerResult,
  type RequestContext,
} from '../handlers/api-handler.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { Reader } from '../protocol/reader.js';
import { FrameReader } from './frame-reader.js';

interface ResponseSlot {
  done: boolean;
  frame: Buffer | null;
}

export interface ConnectionSettings {
  readonly maxFrameBytes: number;
  readonly advertised: (socket: Socket) => { host: string; port: number };
}

/**
 * One client socket. Requests are answered in the order they arrived even when a
 * parked JoinGroup or long-poll Fetch finishes after requests behind it.
 */
export class Connection {
  private readonly frames: FrameReader;
  private readonly queue: ResponseSlot[] = [];
  private readonly clientHost: string;
  private readonly advertised: { host: string; port: number };
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerContext,
    settings: ConnectionSettings,
  ) {
    this.frames = new FrameReader(settings.maxFrameBytes);
    this.clientHost = socket.remoteAddress ?? 'unknown';
    this.advertised = settings.advertised(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      this.receive(chunk);
    });
    socket.on('error', (error) => {
      broker.logger.debug('connection error', { client: this.clientHost, error: error.message });
    });
    socket.on('close', () => (this.closed = true));
  }

  /** Ends the socket once every answered response is written. */
  end(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), 1000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }

  private receive(chunk: Buffer): void {
    try {
      for (const frame of this.frames.push(chunk)) this.dispatch(frame);
    } catch (error) {
      this.broker.logger.warn('closing connection after a bad request', {
        client: this.clientHost,
        error: error instanceof Error ? error.stack : String(error),
      });
      this.socket.destroy();
    }
  }

  private dispatch(frame: Buffer): void {
    const body = new Reader(frame);
    const apiKey = body.int16();
    const version = body.int16();
    const correlationId = body.int32();
    const clientId = body.string();
    const context: RequestContext = {
      apiKey,
      version,
      correlationId,
      clientId,
      body,
      clientHost: this.clientHost,
      advertised: this.advertised,
      broker: this.broker,
    };
    if (this.broker.logger.debugEnabled)
      this.broker.logger.debug('request', { apiKey, version, clientId });
    const slot: ResponseSlot = { done: false, frame: null };
    this.queue.push(slot);
    const result = this.handle(context);
    if (result instanceof Promise) {
      result.then(
        (response) => {
          this.complete(slot, response);
        },
        (error: unknown) => {
          this.broker.logger.error('request failed', {
            apiKey,
            version,
            error: error instanceof Error ? error.stack : String(error),
          });
          this.socket.destroy();
        },
      );
    } else {
      this.complete(slot, result);
    }
  }

  private handle(context: RequestContext): HandlerResult | Promise<HandlerResult> {
    const handler = API_HANDLERS.get(context.apiKey);
    const inRange =
      handler && context.version >= handler.minVersion && context.version <= handler.maxVersion;
    // ApiVersions answers an unknown version itself, in the layout every client can read.
    if (handler && (inRange || context.apiKey === ApiKey.ApiVersions))
      return handler.handle(context);
    this.broker.logger.warn('unsupported API key or version', {
      apiKey: context.apiKey,
      version: context.version,
    });
    return startResponse(context).int16(ErrorCode.UNSUPPORTED_VERSION);
  }

  private complete(slot: ResponseSlot, response: HandlerResult): void {
    slot.done = true;
    if (response) {
      response.patchInt32(0, response.size - 4);
      slot.frame = response.toBuffer();
    }
    while (this.queue[0]?.done) {
      const next = this.queue.shift();
      if (next?.frame && !this.closed) this.socket.write(next.frame);
    }
  }
}
