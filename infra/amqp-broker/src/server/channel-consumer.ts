import type { Consumer } from '../model/consumer.js';
import type { QueueEntry } from '../model/message.js';
import type { Queue } from '../model/queue.js';
import type { Channel } from './channel.js';
import { deliveryProperties } from './delivery-properties.js';

/** A basic.consume subscription: the queue's view of a channel, delivering on it. */
export class ChannelConsumer implements Consumer {
  unacked = 0;

  constructor(
    readonly tag: string,
    readonly queue: Queue,
    readonly noAck: boolean,
    readonly exclusive: boolean,
    // The channel's per-consumer prefetch when the consumer was created.
    private readonly prefetch: number,
    private readonly channel: Channel,
  ) {}

  hasCapacity(): boolean {
    if (!this.channel.isOpen) return false;
    if (this.noAck) return true;
    if (this.prefetch > 0 && this.unacked >= this.prefetch) return false;
    return this.channel.hasGlobalCapacity();
  }

  /** Writes a basic.deliver and records the delivery unless the consumer is noAck. */
  deliver(queue: Queue, entry: QueueEntry): void {
    const { channel } = this;
    const deliveryTag = channel.takeDeliveryTag();
    if (!this.noAck) {
      channel.unacked.add(deliveryTag, { queue, entry, consumer: this });
      queue.track(entry);
    }
    const { message } = entry;
    channel.connection.outbox.writer.method(channel.id, 'BasicDeliver', {
      consumerTag: this.tag,
      deliveryTag,
      redelivered: entry.redelivered,
      exchange: message.exchange,
      routingKey: message.routingKey,
    });
    channel.sendContent(deliveryProperties(queue, entry), message.body);
  }

  cancelledByBroker(): void {
    const { channel } = this;
    channel.consumers.delete(this.tag);
    if (channel.isOpen)
      channel.connection.send(channel.id, 'BasicCancel', { consumerTag: this.tag, nowait: true });
  }
}
