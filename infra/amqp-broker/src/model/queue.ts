import type { FieldTable } from '../codec/field-table.codec.js';
import type { Consumer } from './consumer.js';
import type { Message, QueueEntry } from './message.js';
import type { QueueArguments, QueueFlags } from './queue-arguments.js';
import { ClassicReadyList, QuorumReadyList, type ReadyList } from './ready-list.js';
import { messageExpiry, QueueTimers } from './queue-timers.js';

export type DeathReason = 'rejected' | 'expired' | 'maxlen' | 'delivery_limit';

/** What a queue needs from the virtual host it lives in. */
export interface QueueHost {
  deadLetter(queue: Queue, entry: QueueEntry, reason: DeathReason): void;
  expireQueue(queue: Queue): void;
  /** The queue's contents changed (a durable store may want to save). */
  touched(queue: Queue): void;
}

export class Queue {
  readonly consumers: Consumer[] = [];
  // Delivered to a client and not yet acked, rejected or returned.
  readonly inFlight = new Set<QueueEntry>();
  deleted = false;
  private readonly ready: ReadyList;
  private readonly timers: QueueTimers;
  private nextPosition = 0;
  private roundRobin = 0;
  private dispatchScheduled = false;
  private hadConsumer = false;

  constructor(
    readonly name: string,
    readonly flags: QueueFlags,
    readonly args: QueueArguments,
    readonly rawArguments: FieldTable,
    readonly ownerId: number | undefined,
    private readonly host: QueueHost,
  ) {
    this.ready = args.type === 'quorum' ? new QuorumReadyList() : new ClassicReadyList();
    this.timers = new QueueTimers(this, host);
    this.timers.touch();
  }

  get messageCount(): number {
    this.expireHead();
    return this.ready.length;
  }

  /** Enqueues a routed message; false when x-overflow reject-publish refuses it. */
  enqueue(message: Message, now = Date.now(), redelivered = false): boolean {
    const max = this.args.maxLength;
    if (max !== undefined && this.args.overflow === 'reject-publish' && this.ready.length >= max)
      return false;
    const expiresAt = messageExpiry(this.args.messageTtl, message.properties.expiration, now);
    this.ready.push({
      message,
      position: this.nextPosition++,
      expiresAt,
      redelivered,
      deliveryCount: 0,
    });
    while (max !== undefined && this.ready.length > max)
      this.deadLetter(this.ready.shift(), 'maxlen');
    this.scheduleDispatch();
    this.host.touched(this);
    return true;
  }

  /** basic.get: the next live message, if any. */
  get(): QueueEntry | undefined {
    this.timers.touch();
    this.expireHead();
    const entry = this.ready.shift();
    this.timers.armExpiry(this.ready.peek());
    return entry;
  }

  /** A delivery that awaits its ack. */
  track(entry: QueueEntry): void {
    this.inFlight.add(entry);
  }

  /** The client acked it: the message is gone. */
  settle(entry: QueueEntry): void {
    this.inFlight.delete(entry);
    this.host.touched(this);
  }

  /** The client rejected it without requeue. */
  reject(entry: QueueEntry): void {
    this.settle(entry);
    this.deadLetter(entry, 'rejected');
  }

  /** A consumer gave a message back (nack/reject with requeue, recover, channel loss). */
  requeue(entry: QueueEntry): void {
    this.inFlight.delete(entry);
    if (this.deleted) return;
    entry.redelivered = true;
    if (this.args.type === 'quorum') {
      entry.deliveryCount++;
      const limit = this.args.deliveryLimit;
      if (limit !== undefined && entry.deliveryCount > limit) {
        this.deadLetter(entry, 'delivery_limit');
        return;
      }
    }
    this.ready.putBack(entry);
    this.scheduleDispatch();
  }

  deadLetter(entry: QueueEntry | undefined, reason: DeathReason): void {
    if (entry !== undefined) this.host.deadLetter(this, entry, reason);
  }

  addConsumer(consumer: Consumer): void {
    this.consumers.push(consumer);
    this.hadConsumer = true;
    this.timers.touch();
    this.scheduleDispatch();
  }

  /** Removes a consumer; true when an auto-delete queue has just lost its last one. */
  removeConsumer(consumer: Consumer): boolean {
    const index = this.consumers.indexOf(consumer);
    if (index >= 0) this.consumers.splice(index, 1);
    this.timers.touch();
    return this.flags.autoDelete && this.hadConsumer && this.consumers.length === 0;
  }

  purge(): number {
    const count = this.ready.clear().length;
    this.host.touched(this);
    return count;
  }

  /** Drops everything; returns the number of ready messages it held. */
  destroy(): number {
    this.deleted = true;
    this.timers.stop();
    const count = this.ready.length;
    this.ready.clear();
    for (const consumer of this.consumers.splice(0)) consumer.cancelledByBroker(this);
    return count;
  }

  readyEntries(): Iterable<QueueEntry> {
    return this.ready.entries();
  }

  scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    queueMicrotask(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  // Hands ready messages to consumers in turn while any has prefetch room.
  dispatch(): void {
    if (this.deleted) return;
    this.expireHead();
    const consumers = this.consumers;
    while (this.ready.length > 0 && consumers.length > 0) {
      const consumer = this.nextConsumerWithCapacity();
      if (consumer === undefined) break;
      const entry = this.ready.shift();
      if (entry === undefined) break;
      consumer.deliver(this, entry);
      this.expireHead();
    }
    this.timers.armExpiry(this.ready.peek());
  }

  private nextConsumerWithCapacity(): Consumer | undefined {
    const count = this.consumers.length;
    for (let i = 0; i < count; i++) {
      const index = (this.roundRobin + i) % count;
      const consumer = this.consumers[index];
      if (consumer?.hasCapacity() === true) {
        this.roundRobin = (index + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  // Only the head expires: RabbitMQ does not look past it.
  expireHead(now = Date.now()): void {
    for (
      let head = this.ready.peek();
      head?.expiresAt !== undefined && head.expiresAt < now;
      head = this.ready.peek()
    ) {
      this.deadLetter(this.ready.shift(), 'expired');
    }
  }
}
