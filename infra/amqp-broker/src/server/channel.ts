import type { ContentHeader, MessageProperties } from '../codec/content-header.codec.js';
import type { Method } from '../codec/method-definitions.js';
import { methods } from '../codec/method-definitions.js';
import { AmqpError, ReplyCode } from '../model/amqp-error.js';
import type { ChannelConsumer } from './channel-consumer.js';
import { Confirms } from './confirms.js';
import type { Connection } from './connection.js';
import { handlers } from './handlers/method-handlers.js';
import { completePublish } from './handlers/publish.handler.js';
import { PublishAssembler, type AssembledPublish } from './publish-assembler.js';
import { UnackedDeliveries } from './unacked-deliveries.js';

/** One AMQP channel: its consumers, unacked deliveries, prefetch and confirms. */
export class Channel {
  readonly consumers = new Map<string, ChannelConsumer>();
  readonly unacked = new UnackedDeliveries();
  readonly confirms: Confirms;
  prefetchPerConsumer = 0;
  prefetchPerChannel = 0;
  replyTo: { readonly consumerTag: string; readonly name: string } | undefined;
  lastDeclaredQueue = '';
  private deliveryTag = 0;
  private state: 'open' | 'closing' | 'closed' = 'open';
  private readonly incoming: PublishAssembler;

  constructor(
    readonly connection: Connection,
    readonly id: number,
  ) {
    this.confirms = new Confirms(connection, id);
    const events = {
      complete: (publish: AssembledPublish) => {
        this.publish(publish);
      },
      unexpected: (detail: string) => {
        this.unexpectedFrame(detail);
      },
      refused: (error: AmqpError) => {
        this.handleError(error, 'BasicPublish');
      },
    };
    const { maxMessageSize } = connection.context.limits;
    this.incoming = new PublishAssembler(events, maxMessageSize, connection.contentBudget);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get nextDeliveryTag(): number {
    return this.deliveryTag + 1;
  }

  handleMethod(method: Method): void {
    if (this.state !== 'open') {
      this.whileClosing(method);
      return;
    }
    if (this.incoming.awaitingContent) {
      this.unexpectedFrame('method while awaiting content');
      return;
    }
    try {
      if (method.name === 'BasicPublish') {
        this.incoming.start(method.args);
        return;
      }
      const handler = handlers[method.name] as
        ((channel: Channel, args: unknown) => void) | undefined;
      if (handler === undefined)
        throw new AmqpError(ReplyCode.commandInvalid, `unexpected method ${method.name}`);
      handler(this, method.args);
    } catch (error) {
      this.handleError(error, method.name);
    }
  }

  handleHeader(header: ContentHeader): void {
    if (this.state === 'open') this.incoming.header(header);
  }

  handleBody(payload: Buffer): void {
    if (this.state === 'open') this.incoming.body(payload);
  }

  private publish({ args, properties, body }: AssembledPublish): void {
    try {
      completePublish(this, args, properties, body);
    } catch (error) {
      this.handleError(error, 'BasicPublish');
    }
  }

  /** Hands out the next delivery tag (basic.deliver, basic.get). */
  takeDeliveryTag(): number {
    return ++this.deliveryTag;
  }

  sendContent(properties: MessageProperties, body: Buffer): void {
    this.connection.outbox.writer.content(this.id, properties, body, this.connection.frameMax);
    this.connection.outbox.scheduleFlush();
  }

  hasGlobalCapacity(): boolean {
    return this.prefetchPerChannel === 0 || this.unacked.size < this.prefetchPerChannel;
  }

  /** Frees everything the channel holds: consumers go, unacked messages return. */
  release(): void {
    if (this.state === 'closed') return;
    this.state = this.state === 'open' ? 'closed' : this.state;
    this.incoming.discard();
    this.confirms.discard();
    const vhost = this.connection.context.vhost;
    for (const consumer of this.consumers.values()) {
      if (consumer.queue.removeConsumer(consumer)) vhost.removeQueue(consumer.queue);
    }
    this.consumers.clear();
    for (const { queue, entry } of this.unacked.takeAll()) queue.requeue(entry);
    if (this.replyTo !== undefined) this.connection.context.replyTo.unregister(this.replyTo.name);
    this.replyTo = undefined;
  }

  close(): void {
    this.release();
    this.state = 'closed';
    this.connection.channels.closed(this.id);
  }

  private handleError(error: unknown, methodName: Method['name']): void {
    if (!(error instanceof AmqpError)) throw error;
    const { classId, methodId } = methods[methodName];
    if (error.scope === 'connection') {
      this.connection.fail(error, classId, methodId);
      return;
    }
    this.release();
    this.state = 'closing';
    this.connection.send(this.id, 'ChannelClose', {
      replyCode: error.code,
      replyText: error.replyText,
      classId,
      methodId,
    });
  }

  // After sending channel.close only close and close-ok matter.
  private whileClosing(method: Method): void {
    if (method.name === 'ChannelCloseOk' && this.state === 'closing') {
      this.state = 'closed';
      this.connection.channels.closed(this.id);
    } else if (method.name === 'ChannelClose') {
      this.connection.send(this.id, 'ChannelCloseOk', {});
      this.close();
    }
  }

  private unexpectedFrame(detail: string): void {
    this.connection.fail(new AmqpError(ReplyCode.unexpectedFrame, detail));
  }
}
