/** Exponential backoff for failed rows; the state (attempts) lives in the row, not in memory. */
export interface RetryBackoff {
  /** Delay of the first retry. */
  readonly initialMs: number;
  /** No retry waits longer than this. */
  readonly maxMs: number;
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { initialMs: 500, maxMs: 60_000 };

/**
 * The wait before the next attempt after `failedAttempts` failures: doubling
 * from `initialMs`, capped at `maxMs`, with "equal jitter" (a random point in
 * the upper half) so many rows that failed together do not retry together,
 * yet none retries at once.
 */
export function retryDelayMs(
  failedAttempts: number,
  backoff: RetryBackoff,
  random = Math.random,
): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** exponent);
  return ceiling / 2 + random() * (ceiling / 2);
}
