import type { QueueEntry } from './message.js';

/** The messages of a queue that wait for a consumer, in delivery order. */
export interface ReadyList {
  readonly length: number;
  peek(): QueueEntry | undefined;
  shift(): QueueEntry | undefined;
  push(entry: QueueEntry): void;
  /** Puts a message a consumer gave back where the queue type wants it. */
  putBack(entry: QueueEntry): void;
  clear(): QueueEntry[];
  entries(): Iterable<QueueEntry>;
}

// A FIFO over an array with a moving head, compacted now and then.
class Fifo {
  protected items: QueueEntry[] = [];
  protected head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  peek(): QueueEntry | undefined {
    return this.items[this.head];
  }

  shift(): QueueEntry | undefined {
    const entry = this.items[this.head];
    if (entry === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return entry;
  }

  push(entry: QueueEntry): void {
    this.items.push(entry);
  }

  clear(): QueueEntry[] {
    const all = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return all;
  }

  entries(): Iterable<QueueEntry> {
    return this.items.slice(this.head);
  }
}

/** Classic queues: a returned message goes back to its original position. */
export class ClassicReadyList extends Fifo implements ReadyList {
  putBack(entry: QueueEntry): void {
    let low = this.head;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.items[mid]?.position ?? 0) < entry.position) low = mid + 1;
      else high = mid;
    }
    if (low === this.head && this.head > 0) {
      this.items[--this.head] = entry;
      return;
    }
    this.items.splice(low, 0, entry);
  }
}

/** Quorum queues: returned messages are served first, in the order they came back. */
export class QuorumReadyList implements ReadyList {
  private readonly returned = new Fifo();
  private readonly fresh = new Fifo();

  get length(): number {
    return this.returned.length + this.fresh.length;
  }

  peek(): QueueEntry | undefined {
    return this.returned.peek() ?? this.fresh.peek();
  }

  shift(): QueueEntry | undefined {
    return this.returned.shift() ?? this.fresh.shift();
  }

  push(entry: QueueEntry): void {
    this.fresh.push(entry);
  }

  putBack(entry: QueueEntry): void {
    this.returned.push(entry);
  }

  clear(): QueueEntry[] {
    return [...this.returned.clear(), ...this.fresh.clear()];
  }

  entries(): Iterable<QueueEntry> {
    return [...this.returned.entries(), ...this.fresh.entries()];
  }
}
