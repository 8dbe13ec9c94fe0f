import type { Consumer } from '../model/consumer.js';
import type { QueueEntry } from '../model/message.js';
import type { Queue } from '../model/queue.js';
import type { Channel } from './channel.js';

/** A basic.consume subscription: the queue's view of a channel. */
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

  deliver(queue: Queue, entry: QueueEntry): void {
    this.channel.deliver(this, queue, entry);
  }

  cancelledByBroker(): void {
    this.channel.consumerCancelledByBroker(this);
  }
}
