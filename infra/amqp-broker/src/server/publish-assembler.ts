import type { ContentHeader, MessageProperties } from '../codec/content-header.codec.js';
import type { MethodArgs } from '../codec/method-definitions.js';
import { AmqpError, precondition, ReplyCode } from '../model/amqp-error.js';
import type { ContentBudget } from './content-budget.js';

/** A basic.publish with all of its content. */
export interface AssembledPublish {
  readonly args: MethodArgs<'BasicPublish'>;
  readonly properties: MessageProperties;
  readonly body: Buffer;
}

interface PendingPublish {
  readonly args: MethodArgs<'BasicPublish'>;
  header: ContentHeader | undefined;
  readonly chunks: Buffer[];
  received: number;
}

/** What the assembler reports to its channel. */
export interface AssemblerEvents {
  complete(publish: AssembledPublish): void;
  /** A frame out of order: a connection error. */
  unexpected(detail: string): void;
  /** The content is refused before any of its body is kept (406 or 506 on basic.publish). */
  refused(error: AmqpError): void;
}

/**
 * Joins a basic.publish, its content header and its body frames into one
 * publish; a frame out of this order is a connection error. The body size the
 * header announces is checked against the limits before any body is kept.
 */
export class PublishAssembler {
  private pending: PendingPublish | undefined;

  constructor(
    private readonly events: AssemblerEvents,
    private readonly maxMessageSize: number,
    private readonly budget: ContentBudget,
  ) {}

  get awaitingContent(): boolean {
    return this.pending !== undefined;
  }

  start(args: MethodArgs<'BasicPublish'>): void {
    this.pending = { args, header: undefined, chunks: [], received: 0 };
  }

  header(header: ContentHeader): void {
    if (this.pending?.header !== undefined || this.pending === undefined) {
      this.events.unexpected('unexpected content header');
      return;
    }
    const size = header.bodySize;
    if (size > this.maxMessageSize) {
      this.pending = undefined;
      // RabbitMQ's words; it says them once the whole body has arrived.
      const detail = `message size ${size} is larger than configured max size ${this.maxMessageSize}`;
      this.events.refused(precondition(detail));
      return;
    }
    if (!this.budget.reserve(size)) {
      this.pending = undefined;
      const detail = `unfinished publishes on this connection exceed ${this.budget.limit} bytes`;
      this.events.refused(new AmqpError(ReplyCode.resourceError, detail));
      return;
    }
    this.pending.header = header;
    if (size === 0) this.finish();
  }

  body(payload: Buffer): void {
    const pending = this.pending;
    if (pending?.header === undefined) {
      this.events.unexpected('unexpected content body');
      return;
    }
    if (pending.received + payload.length > pending.header.bodySize) {
      this.events.unexpected('content body longer than its header announced');
      return;
    }
    pending.chunks.push(payload);
    pending.received += payload.length;
    if (pending.received === pending.header.bodySize) this.finish();
  }

  /** The channel is going: an unfinished publish is dropped and its reservation returned. */
  discard(): void {
    if (this.pending?.header !== undefined) this.budget.release(this.pending.header.bodySize);
    this.pending = undefined;
  }

  private finish(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending?.header === undefined) return;
    this.budget.release(pending.header.bodySize);
    const body =
      pending.chunks.length === 1
        ? (pending.chunks[0] ?? Buffer.alloc(0))
        : Buffer.concat(pending.chunks);
    this.events.complete({ args: pending.args, properties: pending.header.properties, body });
  }
}
