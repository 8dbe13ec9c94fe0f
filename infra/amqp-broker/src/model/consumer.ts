import type { QueueEntry } from './message.js';
import type { Queue } from './queue.js';

/** A subscription to a queue, implemented by a channel. */
export interface Consumer {
  readonly tag: string;
  readonly noAck: boolean;
  readonly exclusive: boolean;
  /** Whether prefetch limits allow one more unacknowledged delivery. */
  hasCapacity(): boolean;
  deliver(queue: Queue, entry: QueueEntry): void;
  /** The queue went away (deleted): tell the client with basic.cancel. */
  cancelledByBroker(queue: Queue): void;
}
