import type { Consumer } from './consumer.js';
import type { Queue } from './queue.js';
import type { QueueBacklog } from './queue-backlog.js';
import type { QueueTimers } from './queue-timers.js';

/** Hands a queue's ready messages to its consumers in turn while any has prefetch room. */
export class QueueDispatcher {
  private roundRobin = 0;
  private scheduled = false;

  constructor(
    private readonly queue: Queue,
    private readonly backlog: QueueBacklog,
    private readonly timers: QueueTimers,
  ) {}

  // Once per microtask turn, however many publishes and acks asked for it.
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.run();
    });
  }

  run(): void {
    if (this.queue.deleted) return;
    this.backlog.expireHead();
    const consumers = this.queue.consumers;
    while (this.backlog.length > 0 && consumers.length > 0) {
      const consumer = this.nextConsumerWithCapacity();
      if (consumer === undefined) break;
      const entry = this.backlog.shift();
      if (entry === undefined) break;
      consumer.deliver(this.queue, entry);
      this.backlog.expireHead();
    }
    this.timers.armExpiry(this.backlog.peek());
  }

  private nextConsumerWithCapacity(): Consumer | undefined {
    const consumers = this.queue.consumers;
    const count = consumers.length;
    for (let i = 0; i < count; i++) {
      const index = (this.roundRobin + i) % count;
      const consumer = consumers[index];
      if (consumer?.hasCapacity() === true) {
        this.roundRobin = (index + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }
}
