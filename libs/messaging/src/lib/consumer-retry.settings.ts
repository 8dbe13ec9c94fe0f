import { isTransientError } from './transient-error.js';

/** How a consumer retries a valid message whose handler fails. */
export interface ConsumerRetrySettings {
  /** Attempts at a message whose handler keeps failing before it is dead-lettered (poison). */
  readonly maxAttempts: number;
  /** First backoff delay; it doubles (with jitter) up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  /** Longest backoff delay; keep it well under the group's session timeout (10 s, kafka-consumer.options.ts). */
  readonly maxDelayMs: number;
  /** A transient failure is retried without limit and never dead-lettered (database down). */
  readonly isTransient: (error: unknown) => boolean;
}

export const defaultConsumerRetrySettings: ConsumerRetrySettings = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  isTransient: isTransientError,
};
