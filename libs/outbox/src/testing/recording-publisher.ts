import type { OutboxMessage } from '../lib/outbox-message.js';
import type { OutboxPublisher } from '../lib/publishers/outbox-publisher.js';

export interface RecordingPublisherOptions {
  /** Milliseconds a publish takes; a function lets a test vary it per message. */
  readonly latencyMs?: number | ((message: OutboxMessage) => number);
  /** Return true to make this publish fail (the broker "refused" it). */
  readonly fail?: (message: OutboxMessage) => boolean;
  /** Called when a publish starts, before its latency. */
  readonly onPublishStart?: (message: OutboxMessage) => void;
  /** Called when a publish ends, confirmed or failed. */
  readonly onPublishEnd?: (message: OutboxMessage, confirmed: boolean) => void;
}

/** An in-memory broker stand-in for tests: records every confirmed message in order. */
export class RecordingPublisher implements OutboxPublisher {
  /** Messages whose publish succeeded, in confirmation order. */
  readonly confirmed: OutboxMessage[] = [];
  /** How many publishes failed. */
  failures = 0;
  closed = false;

  constructor(private readonly options: RecordingPublisherOptions = {}) {}

  async publish(message: OutboxMessage): Promise<void> {
    this.options.onPublishStart?.(message);
    const { latencyMs = 0 } = this.options;
    const delay = typeof latencyMs === 'number' ? latencyMs : latencyMs(message);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const failed = this.options.fail?.(message) ?? false;
    if (!failed) this.confirmed.push(message);
    this.options.onPublishEnd?.(message, !failed);
    if (failed) {
      this.failures += 1;
      throw new Error(`simulated broker failure for ${message.id}`);
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
