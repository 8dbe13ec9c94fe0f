import type { Socket } from 'node:net';
import type { BrokerContext, HandlerResult, RequestContext } from '../handlers/api-handler.js';
import { encodeResponse, parseRequest, RefusedRequestError } from './exchange.js';
import { FrameReader, FrameTooLargeError } from './frame-reader.js';

interface ResponseSlot {
  done: boolean;
  frame: Buffer | null;
}

export interface ConnectionSettings {
  readonly maxFrameBytes: number;
  readonly maxIdleMs: number;
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
    // Like Kafka's connections.max.idle.ms: no bytes either way for that long closes it.
    socket.setTimeout(settings.maxIdleMs, () => {
      broker.logger.debug('closing idle connection', { client: this.clientHost });
      socket.destroy();
    });
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
      // Like Kafka: a request it cannot serve or parse closes the connection, unanswered.
      if (error instanceof FrameTooLargeError) {
        this.broker.logger.warn('closing connection: request above the size limit', {
          client: this.clientHost,
          reason: error.message,
        });
        this.socket.destroy();
        return;
      }
      if (error instanceof RefusedRequestError) {
        this.broker.logger.warn('closing connection: unsupported request', {
          client: this.clientHost,
          reason: error.message,
        });
        this.socket.destroy();
        return;
      }
      this.broker.logger.warn('closing connection after a bad request', {
        client: this.clientHost,
        error: error instanceof Error ? error.stack : String(error),
      });
      this.socket.destroy();
    }
  }

  private dispatch(frame: Buffer): void {
    const request = parseRequest(frame);
    const { apiKey, version, clientId } = request;
    if (this.broker.logger.debugEnabled)
      this.broker.logger.debug('request', { apiKey, version, clientId });
    const slot: ResponseSlot = { done: false, frame: null };
    this.queue.push(slot);
    if (request.outcome.kind === 'refuse') {
      this.complete(slot, request.outcome.frame);
      return;
    }
    const { entry, body } = request.outcome;
    const context: RequestContext = {
      apiKey,
      version,
      correlationId: request.correlationId,
      clientId,
      clientHost: this.clientHost,
      advertised: this.advertised,
      broker: this.broker,
    };
    const encode = (result: HandlerResult) =>
      result === null ? null : encodeResponse(entry, request, result);
    const result = entry.handler.handle(body, context);
    if (!(result instanceof Promise)) {
      this.complete(slot, encode(result));
      return;
    }
    result.then(
      (response) => {
        this.complete(slot, encode(response));
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
  }

  private complete(slot: ResponseSlot, frame: Buffer | null): void {
    slot.done = true;
    slot.frame = frame;
    while (this.queue[0]?.done) {
      const next = this.queue.shift();
      if (next?.frame && !this.closed) this.socket.write(next.frame);
    }
  }
}
