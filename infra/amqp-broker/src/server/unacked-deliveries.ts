import { precondition } from '../model/amqp-error.js';
import type { QueueEntry } from '../model/message.js';
import type { Queue } from '../model/queue.js';
import type { ChannelConsumer } from './channel-consumer.js';

export interface Unacked {
  readonly queue: Queue;
  readonly entry: QueueEntry;
  // undefined for basic.get
  readonly consumer: ChannelConsumer | undefined;
}

/** The deliveries of one channel awaiting ack, by delivery tag (in tag order). */
export class UnackedDeliveries {
  private readonly byTag = new Map<number, Unacked>();

  get size(): number {
    return this.byTag.size;
  }

  add(tag: number, unacked: Unacked): void {
    this.byTag.set(tag, unacked);
    if (unacked.consumer !== undefined) unacked.consumer.unacked++;
  }

  /**
   * Removes the deliveries an ack/nack/reject names: `tag` itself, or with
   * `multiple` everything up to it (0 meaning all). An unknown tag is a 406.
   */
  take(tag: number, multiple: boolean): Unacked[] {
    if (multiple && tag === 0) return this.takeAll();
    if (!this.byTag.has(tag)) throw precondition(`unknown delivery tag ${tag}`);
    if (!multiple) return [this.remove(tag)];
    const taken: Unacked[] = [];
    for (const key of this.byTag.keys()) {
      if (key > tag) break;
      taken.push(this.remove(key));
    }
    return taken;
  }

  takeAll(): Unacked[] {
    return [...this.byTag.keys()].map((tag) => this.remove(tag));
  }

  private remove(tag: number): Unacked {
    const unacked = this.byTag.get(tag);
    if (unacked === undefined) throw precondition(`unknown delivery tag ${tag}`);
    this.byTag.delete(tag);
    if (unacked.consumer !== undefined) unacked.consumer.unacked--;
    return unacked;
  }
}
