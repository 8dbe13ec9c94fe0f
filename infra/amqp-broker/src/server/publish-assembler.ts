import type { ContentHeader, MessageProperties } from '../codec/content-header.codec.js';
import type { MethodArgs } from '../codec/method-definitions.js';

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

/**
 * Joins a basic.publish, its content header and its body frames into one
 * publish; a frame out of this order is a connection error.
 */
export class PublishAssembler {
  private pending: PendingPublish | undefined;

  constructor(
    private readonly complete: (publish: AssembledPublish) => void,
    private readonly unexpected: (detail: string) => void,
  ) {}

  get awaitingContent(): boolean {
    return this.pending !== undefined;
  }

  start(args: MethodArgs<'BasicPublish'>): void {
    this.pending = { args, header: undefined, chunks: [], received: 0 };
  }

  header(header: ContentHeader): void {
    if (this.pending?.header !== undefined || this.pending === undefined) {
      this.unexpected('unexpected content header');
      return;
    }
    this.pending.header = header;
    if (header.bodySize === 0) this.finish();
  }

  body(payload: Buffer): void {
    const pending = this.pending;
    if (pending?.header === undefined) {
      this.unexpected('unexpected content body');
      return;
    }
    pending.chunks.push(payload);
    pending.received += payload.length;
    if (pending.received >= pending.header.bodySize) this.finish();
  }

  private finish(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending?.header === undefined) return;
    const body =
      pending.chunks.length === 1
        ? (pending.chunks[0] ?? Buffer.alloc(0))
        : Buffer.concat(pending.chunks);
    this.complete({ args: pending.args, properties: pending.header.properties, body });
  }
}
