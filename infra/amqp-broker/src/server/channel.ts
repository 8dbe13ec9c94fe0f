import type { ContentHeader, MessageProperties } from '../codec/content-header.codec.js';
import type { Method, MethodArgs } from '../codec/method-definitions.js';
import { methods } from '../codec/method-definitions.js';
import { AmqpError, ReplyCode } from '../model/amqp-error.js';
import type { Message, QueueEntry } from '../model/message.js';
import type { Queue } from '../model/queue.js';
import type { ChannelConsumer } from './channel-consumer.js';
import { Confirms } from './confirms.js';
import type { Connection } from './connection.js';
import { deliveryProperties } from './delivery-properties.js';
import { handlers } from './handlers/method-handlers.js';
import { completePublish } from './handlers/publish.handler.js';
import { UnackedDeliveries } from './unacked-deliveries.js';

interface PendingPublish {
  readonly args: MethodArgs<'BasicPublish'>;
  header: ContentHeader | undefined;
  readonly chunks: Buffer[];
  received: number;
}

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
  private pending: PendingPublish | undefined;

  constructor(
    readonly connection: Connection,
    readonly id: number,
  ) {
    this.confirms = new Confirms(connection, id);
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
    if (this.pending !== undefined) {
      this.unexpectedFrame('method while awaiting content');
      return;
    }
    try {
      if (method.name === 'BasicPublish') {
        this.pending = { args: method.args, header: undefined, chunks: [], received: 0 };
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
    if (this.state !== 'open') return;
    if (this.pending?.header !== undefined || this.pending === undefined) {
      this.unexpectedFrame('unexpected content header');
      return;
    }
    this.pending.header = header;
    if (header.bodySize === 0) this.finishPublish();
  }

  handleBody(payload: Buffer): void {
    if (this.state !== 'open') return;
    const pending = this.pending;
    if (pending?.header === undefined) {
      this.unexpectedFrame('unexpected content body');
      return;
    }
    pending.chunks.push(payload);
    pending.received += payload.length;
    if (pending.received >= pending.header.bodySize) this.finishPublish();
  }

  private finishPublish(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending?.header === undefined) return;
    const body =
      pending.chunks.length === 1
        ? (pending.chunks[0] ?? Buffer.alloc(0))
        : Buffer.concat(pending.chunks);
    try {
      completePublish(this, pending.args, pending.header.properties, body);
    } catch (error) {
      this.handleError(error, 'BasicPublish');
    }
  }

  /** Writes a basic.deliver and records the delivery unless the consumer is noAck. */
  deliver(consumer: ChannelConsumer, queue: Queue, entry: QueueEntry): void {
    const deliveryTag = ++this.deliveryTag;
    if (!consumer.noAck) {
      this.unacked.add(deliveryTag, { queue, entry, consumer });
      queue.track(entry);
    }
    const { message } = entry;
    this.connection.writer.method(this.id, 'BasicDeliver', {
      consumerTag: consumer.tag,
      deliveryTag,
      redelivered: entry.redelivered,
      exchange: message.exchange,
      routingKey: message.routingKey,
    });
    this.sendContent(deliveryProperties(queue, entry), message.body);
  }

  /** A direct reply-to reply: delivered without a tag of its own and never acked. */
  deliverReply(message: Message): void {
    if (!this.isOpen || this.replyTo === undefined) return;
    this.connection.writer.method(this.id, 'BasicDeliver', {
      consumerTag: this.replyTo.consumerTag,
      deliveryTag: this.nextDeliveryTag,
      redelivered: false,
      exchange: '',
      routingKey: message.routingKey,
    });
    this.sendContent(message.properties, message.body);
  }

  /** Hands out the next delivery tag (basic.get). */
  takeDeliveryTag(): number {
    return ++this.deliveryTag;
  }

  sendContent(properties: MessageProperties, body: Buffer): void {
    this.connection.writer.content(this.id, properties, body, this.connection.frameMax);
    this.connection.scheduleFlush();
  }

  hasGlobalCapacity(): boolean {
    return this.prefetchPerChannel === 0 || this.unacked.size < this.prefetchPerChannel;
  }

  consumerCancelledByBroker(consumer: ChannelConsumer): void {
    this.consumers.delete(consumer.tag);
    if (this.isOpen)
      this.connection.send(this.id, 'BasicCancel', { consumerTag: consumer.tag, nowait: true });
  }

  /** Frees everything the channel holds: consumers go, unacked messages return. */
  release(): void {
    if (this.state === 'closed') return;
    this.state = this.state === 'open' ? 'closed' : this.state;
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
    this.connection.channelClosed(this.id);
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
      this.connection.channelClosed(this.id);
    } else if (method.name === 'ChannelClose') {
      this.connection.send(this.id, 'ChannelCloseOk', {});
      this.close();
    }
  }

  private unexpectedFrame(detail: string): void {
    this.connection.fail(new AmqpError(ReplyCode.unexpectedFrame, detail));
  }
}
