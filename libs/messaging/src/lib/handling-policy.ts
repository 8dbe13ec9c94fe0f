import { ExponentialBackoff, handleWhen, retry, wrap, type IPolicy } from 'cockatiel';
import kafkajs from 'kafkajs';
import type { ConsumerRetrySettings } from './consumer-retry.settings.js';

/** Thrown into the retry loop when the service shuts down: the message stays uncommitted. */
export class ConsumerStoppingError extends Error {
  constructor() {
    super('the consumer is stopping; the message will be delivered again');
    this.name = 'ConsumerStoppingError';
  }
}

/**
 * Errors that must leave the handler at once, uncommitted: kafkajs's own (a
 * rebalance seen by the heartbeat: the partition may now be someone else's)
 * and shutdown. The message is fetched again from the last committed offset.
 */
export function isStopError(error: unknown): boolean {
  return error instanceof kafkajs.KafkaJSError || error instanceof ConsumerStoppingError;
}

/** What is left: the handler failed on this message. Counted toward `maxAttempts`. */
export function isHandlerFailure(error: unknown, settings: ConsumerRetrySettings): boolean {
  return !isStopError(error) && !settings.isTransient(error);
}

/**
 * Two cockatiel retries, one inside the other: transient failures are retried
 * forever inside each attempt; any other failure ends the attempt, and after
 * `maxAttempts` of those the outer retry gives up (the caller dead-letters).
 */
export function handlingPolicy(settings: ConsumerRetrySettings): {
  policy: IPolicy;
  transient: ReturnType<typeof retry>;
  failures: ReturnType<typeof retry>;
} {
  const backoff = () =>
    new ExponentialBackoff({
      initialDelay: settings.initialDelayMs,
      maxDelay: settings.maxDelayMs,
    });
  const failures = retry(
    handleWhen((error) => isHandlerFailure(error, settings)),
    { maxAttempts: settings.maxAttempts - 1, backoff: backoff() },
  );
  const transient = retry(
    handleWhen((error) => !isStopError(error) && settings.isTransient(error)),
    { maxAttempts: Number.POSITIVE_INFINITY, backoff: backoff() },
  );
  return { policy: wrap(failures, transient), transient, failures };
}
