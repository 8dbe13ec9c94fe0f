import type { FieldTable } from '../codec/field-table.codec.js';
import type { Consumer } from './consumer.js';
import type { Message, QueueEntry } from './message.js';
import type { QueueArguments, QueueFlags } from './queue-arguments.js';
import { QueueBacklog } from './queue-backlog.js';
import { QueueDispatcher } from './queue-dispatcher.js';
import { QueueTimers } from './queue-timers.js';

export type DeathReason = 'rejected' | 'expired' | 'maxlen' | 'delivery_limit';

/** What a queue needs from the virtual host it lives in. */
export interface QueueHost {
  deadLetter(queue: Queue, entry: QueueEntry, reason: DeathReason): void;
  expireQueue(queue: Queue): void;
  /** The queue's contents changed (a durable store may want to save). */
  touched(queue: Queue): void;
}

/** One queue: its consumers, served in turn, and the deliveries they have not settled. */
export class Queue {
  readonly consumers: Consumer[] = [];
  // Delivered to a client and not yet acked, rejected or returned.
  readonly inFlight = new Set<QueueEntry>();
  deleted = false;
  private readonly backlog: QueueBacklog;
  private readonly timers: QueueTimers;
  private readonly dispatcher: QueueDispatcher;
  private hadConsumer = false;

  constructor(
    readonly name: string,
    readonly flags: QueueFlags,
    readonly args: QueueArguments,
    readonly rawArguments: FieldTable,
    readonly ownerId: number | undefined,
    private readonly host: QueueHost,
  ) {
    this.backlog = new QueueBacklog(args, (entry, reason) => {
      this.deadLetter(entry, reason);
    });
    this.timers = new QueueTimers(this, host);
    this.dispatcher = new QueueDispatcher(this, this.backlog, this.timers);
    this.timers.touch();
  }

  get messageCount(): number {
    this.backlog.expireHead();
    return this.backlog.length;
  }

  /** Enqueues a routed message; false when x-overflow reject-publish refuses it. */
  enqueue(message: Message, now = Date.now(), redelivered = false): boolean {
    if (!this.backlog.add(message, now, redelivered)) return false;
    this.scheduleDispatch();
    this.host.touched(this);
    return true;
  }

  /** basic.get: the next live message, if any. */
  get(): QueueEntry | undefined {
    this.timers.touch();
    this.backlog.expireHead();
    const entry = this.backlog.shift();
    this.timers.armExpiry(this.backlog.peek());
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
    if (this.backlog.putBack(entry)) this.scheduleDispatch();
  }

  private deadLetter(entry: QueueEntry, reason: DeathReason): void {
    this.host.deadLetter(this, entry, reason);
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
    const count = this.backlog.clear().length;
    this.host.touched(this);
    return count;
  }

  /** Drops everything; returns the number of ready messages it held. */
  destroy(): number {
    this.deleted = true;
    this.timers.stop();
    const count = this.backlog.length;
    this.backlog.clear();
    for (const consumer of this.consumers.splice(0)) consumer.cancelledByBroker(this);
    return count;
  }

  readyEntries(): Iterable<QueueEntry> {
    return this.backlog.entries();
  }

  scheduleDispatch(): void {
    this.dispatcher.schedule();
  }

  dispatch(): void {
    this.dispatcher.run();
  }
}
