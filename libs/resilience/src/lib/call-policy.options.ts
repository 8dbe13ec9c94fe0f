import type { RetryBudgetOptions } from './retry-budget.js';

/** Every knob of a {@link CallPolicy}; the README explains each default. */
export interface CallPolicyOptions {
  /** The dependency's name in metrics (`shop.dependency`): one policy, one name. */
  readonly dependency: string;
  /** Longest one attempt may take; also the deadline the server is told. */
  readonly attemptTimeoutMs: number;
  /** Longest the whole call may take, attempts and backoff included. */
  readonly callBudgetMs: number;
  /** Retries after the first attempt, if the retry budget allows them. */
  readonly maxRetries: number;
  /** Full-jitter exponential backoff: the first retry waits up to this… */
  readonly backoffInitialMs: number;
  /** …and no retry waits longer than this. */
  readonly backoffMaxMs: number;
  readonly retryBudget: RetryBudgetOptions;
  /** Consecutive service failures that open the circuit. */
  readonly breakerConsecutiveFailures: number;
  /** How long an open circuit fails fast before letting one trial call through. */
  readonly breakerHalfOpenAfterMs: number;
  /** Calls in flight at once; more wait in the queue. */
  readonly bulkheadLimit: number;
  /** Calls that may wait for a slot; beyond it a call is rejected at once. */
  readonly bulkheadQueue: number;
  /** Which errors another attempt may cure (default: {@link isRetryableGrpcError}). */
  readonly isRetryable: (error: unknown) => boolean;
  /** Which errors count against the circuit (default: {@link isServiceFailure}). */
  readonly isServiceFailure: (error: unknown) => boolean;
}
