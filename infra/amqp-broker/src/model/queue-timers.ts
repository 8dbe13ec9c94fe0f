import type { QueueEntry } from './message.js';
import type { Queue, QueueHost } from './queue.js';

/** When a message published now expires, from the queue TTL and its own expiration. */
export function messageExpiry(
  queueTtl: number | undefined,
  expiration: string | undefined,
  now: number,
): number | undefined {
  const own = expiration === undefined ? undefined : Number(expiration);
  const ttls = [queueTtl, own].filter((t): t is number => t !== undefined && Number.isFinite(t));
  return ttls.length === 0 ? undefined : now + Math.min(...ttls);
}

/** The two clocks of a queue: head-of-queue message expiry and x-expires. */
export class QueueTimers {
  private expiryTimer: NodeJS.Timeout | undefined;
  private expiryAt = Infinity;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly host: QueueHost,
  ) {}

  /** Makes sure the queue looks at its head again once `head` has expired. */
  armExpiry(head: QueueEntry | undefined): void {
    const at = head?.expiresAt;
    if (at === undefined || at >= this.expiryAt) return;
    clearTimeout(this.expiryTimer);
    this.expiryAt = at;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryAt = Infinity;
        this.queue.dispatch();
      },
      Math.max(0, at - Date.now() + 1),
    );
    this.expiryTimer.unref();
  }

  /** The queue was used: restart its x-expires countdown (none while it has consumers). */
  touch(): void {
    const expires = this.queue.args.expires;
    if (expires === undefined) return;
    clearTimeout(this.idleTimer);
    if (this.queue.consumers.length > 0) return;
    this.idleTimer = setTimeout(() => {
      this.host.expireQueue(this.queue);
    }, expires);
    this.idleTimer.unref();
  }

  stop(): void {
    clearTimeout(this.expiryTimer);
    clearTimeout(this.idleTimer);
  }
}
