import type { Message, QueueEntry } from './message.js';
import type { QueueArguments } from './queue-arguments.js';
import type { DeathReason } from './queue.js';
import { ClassicReadyList, QuorumReadyList, type ReadyList } from './ready-list.js';
import { messageExpiry } from './queue-timers.js';

/**
 * A queue's ready messages under its limits: x-max-length (with its overflow
 * mode), message TTL and the quorum delivery limit. A message that breaks a
 * limit is handed to `deadLetter`.
 */
export class QueueBacklog {
  private readonly ready: ReadyList;
  private nextPosition = 0;

  constructor(
    private readonly args: QueueArguments,
    private readonly deadLetter: (entry: QueueEntry, reason: DeathReason) => void,
  ) {
    this.ready = args.type === 'quorum' ? new QuorumReadyList() : new ClassicReadyList();
  }

  get length(): number {
    return this.ready.length;
  }

  peek(): QueueEntry | undefined {
    return this.ready.peek();
  }

  shift(): QueueEntry | undefined {
    return this.ready.shift();
  }

  /** Adds a routed message; false when x-overflow reject-publish refuses it. */
  add(message: Message, now: number, redelivered: boolean): boolean {
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
    while (max !== undefined && this.ready.length > max) this.drop(this.ready.shift(), 'maxlen');
    return true;
  }

  /** Takes back a returned delivery; false when it hit the delivery limit instead. */
  putBack(entry: QueueEntry): boolean {
    entry.redelivered = true;
    if (this.args.type === 'quorum') {
      entry.deliveryCount++;
      const limit = this.args.deliveryLimit;
      if (limit !== undefined && entry.deliveryCount > limit) {
        this.deadLetter(entry, 'delivery_limit');
        return false;
      }
    }
    this.ready.putBack(entry);
    return true;
  }

  // Only the head expires: RabbitMQ does not look past it.
  expireHead(now = Date.now()): void {
    for (
      let head = this.ready.peek();
      head?.expiresAt !== undefined && head.expiresAt < now;
      head = this.ready.peek()
    ) {
      this.drop(this.ready.shift(), 'expired');
    }
  }

  clear(): QueueEntry[] {
    return this.ready.clear();
  }

  entries(): Iterable<QueueEntry> {
    return this.ready.entries();
  }

  private drop(entry: QueueEntry | undefined, reason: DeathReason): void {
    if (entry !== undefined) this.deadLetter(entry, reason);
  }
}
