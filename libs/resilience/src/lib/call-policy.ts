import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  fullJitterGenerator,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { CallPolicyOptions } from './call-policy.options.js';
import { CallPolicyMetrics } from './call-policy.metrics.js';
import { isRetryableGrpcError, isServiceFailure } from './grpc-error.classification.js';
import { RetryBudget } from './retry-budget.js';

/** What one attempt of a call gets to work with. */
export interface AttemptContext {
  /** 0 for the first attempt, 1 for the first retry… */
  readonly attempt: number;
  /** When this attempt must be over: pass it on to the server as the call's deadline. */
  readonly deadline: Date;
  /** Aborted when the attempt or the whole call ran out of time, or the caller gave up. */
  readonly signal: AbortSignal;
}

/** What one call may change about the policy. */
export interface ExecuteOptions {
  /** Retry only errors this accepts (and the policy's budget allows). Default: the policy's `isRetryable`. */
  readonly isRetryable?: (error: unknown) => boolean;
}

/** The defaults the README explains: a fast internal dependency called at a few hundred req/s. */
export const defaultCallPolicyOptions: CallPolicyOptions = {
  dependency: 'unnamed',
  attemptTimeoutMs: 1_000,
  callBudgetMs: 3_000,
  maxRetries: 2,
  backoffInitialMs: 50,
  backoffMaxMs: 1_000,
  retryBudget: { ratio: 0.1, minRetriesPerWindow: 10, windowMs: 10_000 },
  breakerConsecutiveFailures: 5,
  breakerHalfOpenAfterMs: 5_000,
  bulkheadLimit: 20,
  bulkheadQueue: 20,
  isRetryable: isRetryableGrpcError,
  isServiceFailure,
};

/**
 * The policy around every call to one dependency, outermost first: a budget
 * for the whole call, a bulkhead, retries (within a retry budget) and a
 * circuit breaker around each attempt, each attempt with its own timeout.
 * Create one per dependency and share it: breaker, budget and bulkhead are its state.
 */
export class CallPolicy {
  readonly options: CallPolicyOptions;
  private readonly budget: RetryBudget;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly policies: ReturnType<CallPolicy['compose']>;
  private readonly metrics: CallPolicyMetrics;

  constructor(options: Partial<CallPolicyOptions> = {}) {
    this.options = { ...defaultCallPolicyOptions, ...options };
    const o = this.options;
    this.budget = new RetryBudget(o.retryBudget);
    this.breaker = circuitBreaker(handleWhen(o.isServiceFailure), {
      breaker: new ConsecutiveBreaker(o.breakerConsecutiveFailures),
      halfOpenAfter: o.breakerHalfOpenAfterMs,
    });
    this.bulkhead = bulkhead(o.bulkheadLimit, o.bulkheadQueue);
    this.metrics = new CallPolicyMetrics(o.dependency, this, o.isServiceFailure);
    this.breaker.onStateChange(() => {
      this.metrics.transitioned(this.circuitState);
    });
    this.bulkhead.onReject(() => {
      this.metrics.rejected();
    });
    this.policies = this.compose(this.retries(o.isRetryable));
  }

  /**
   * Runs `attempt` under the policy. Rejects with the last attempt's error, or
   * with cockatiel's `BrokenCircuitError` (circuit open), `BulkheadRejectedError`
   * (too many calls) or `TaskCancelledError` (out of time) without calling it.
   * `options.isRetryable` narrows what this one call retries — e.g. not an
   * answer that says the outcome is being decided elsewhere, which an
   * immediate retry cannot change.
   */
  async execute<T>(
    attempt: (context: AttemptContext) => Promise<T>,
    signal?: AbortSignal,
    options: ExecuteOptions = {},
  ): Promise<T> {
    this.budget.recordCall();
    const callDeadline = Date.now() + this.options.callBudgetMs;
    const policies = options.isRetryable
      ? this.compose(this.retries(options.isRetryable))
      : this.policies;
    return this.metrics.timed(() =>
      policies.execute<T>((context) => {
        context.signal.throwIfAborted();
        const deadline = Math.min(callDeadline, Date.now() + this.options.attemptTimeoutMs);
        return attempt({
          attempt: context.attempt,
          signal: context.signal,
          deadline: new Date(deadline),
        });
      }, signal),
    );
  }

  // The order is the point: one budget and one bulkhead slot per call; every
  // attempt is seen by the breaker and has its own timeout. Breaker and
  // bulkhead are this policy's state, shared by every call.
  private compose(retries: RetryPolicy) {
    const o = this.options;
    return wrap(
      timeout(o.callBudgetMs, TimeoutStrategy.Aggressive),
      this.bulkhead,
      retries,
      this.breaker,
      timeout(o.attemptTimeoutMs, TimeoutStrategy.Aggressive),
    );
  }

  /** Whether the circuit lets calls through right now. */
  get circuitState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.Open:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
    }
  }

  /** Calls holding a bulkhead slot right now. */
  get bulkheadInFlight(): number {
    return this.options.bulkheadLimit - this.bulkhead.executionSlots;
  }

  /** Calls waiting for a bulkhead slot right now. */
  get bulkheadQueued(): number {
    return this.options.bulkheadQueue - this.bulkhead.queueSlots;
  }

  /** Retries the budget still allows in its current window. */
  get retryBudgetRemaining(): number {
    return this.budget.remaining();
  }

  /** Subscribe to the circuit opening (for logs and metrics); returns the unsubscriber. */
  onBreak(listener: () => void): () => void {
    const subscription = this.breaker.onBreak(() => {
      listener();
    });
    return () => {
      subscription.dispose();
    };
  }

  private retries(isRetryable: (error: unknown) => boolean) {
    const retries = retriesOf(this.options, this.budget, isRetryable, () => {
      this.metrics.retryRefused();
    });
    retries.onRetry(() => {
      this.metrics.retried();
    });
    return retries;
  }
}

// Retries of errors `isRetryable` accepts, within the budget, with full-jitter
// backoff. `refused`: a retryable error the budget would not retry (cockatiel
// asks on every failure, so a call's last attempt counts too when the budget is spent).
function retriesOf(
  o: CallPolicyOptions,
  budget: RetryBudget,
  isRetryable: (error: unknown) => boolean,
  refused: () => void,
) {
  const retries = retry(
    handleWhen((error) => {
      if (!isRetryable(error)) return false;
      if (budget.canRetry()) return true;
      refused();
      return false;
    }),
    {
      maxAttempts: o.maxRetries,
      backoff: new ExponentialBackoff({
        generator: fullJitterGenerator,
        initialDelay: o.backoffInitialMs,
        maxDelay: o.backoffMaxMs,
      }),
    },
  );
  retries.onRetry(() => {
    budget.recordRetry();
  });
  return retries;
}
