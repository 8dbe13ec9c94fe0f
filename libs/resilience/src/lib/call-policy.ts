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
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { CallPolicyOptions } from './call-policy.options.js';
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

/** The defaults the README explains: a fast internal dependency called at a few hundred req/s. */
export const defaultCallPolicyOptions: CallPolicyOptions = {
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
  private readonly policies: ReturnType<typeof composePolicies>;

  constructor(options: Partial<CallPolicyOptions> = {}) {
    this.options = { ...defaultCallPolicyOptions, ...options };
    const o = this.options;
    this.budget = new RetryBudget(o.retryBudget);
    this.breaker = circuitBreaker(handleWhen(o.isServiceFailure), {
      breaker: new ConsecutiveBreaker(o.breakerConsecutiveFailures),
      halfOpenAfter: o.breakerHalfOpenAfterMs,
    });
    this.policies = composePolicies(o, this.budget, this.breaker);
  }

  /**
   * Runs `attempt` under the policy. Rejects with the last attempt's error, or
   * with cockatiel's `BrokenCircuitError` (circuit open), `BulkheadRejectedError`
   * (too many calls) or `TaskCancelledError` (out of time) without calling it.
   */
  async execute<T>(
    attempt: (context: AttemptContext) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    this.budget.recordCall();
    const callDeadline = Date.now() + this.options.callBudgetMs;
    return this.policies.execute<T>((context) => {
      context.signal.throwIfAborted();
      const deadline = Math.min(callDeadline, Date.now() + this.options.attemptTimeoutMs);
      return attempt({
        attempt: context.attempt,
        signal: context.signal,
        deadline: new Date(deadline),
      });
    }, signal);
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

  /** Subscribe to the circuit opening (for logs and metrics); returns the unsubscriber. */
  onBreak(listener: () => void): () => void {
    const subscription = this.breaker.onBreak(() => {
      listener();
    });
    return () => {
      subscription.dispose();
    };
  }
}

// The order is the point: one budget and one bulkhead slot per call; every
// attempt is seen by the breaker and has its own timeout.
function composePolicies(o: CallPolicyOptions, budget: RetryBudget, breaker: CircuitBreakerPolicy) {
  const retries = retry(
    handleWhen((error) => o.isRetryable(error) && budget.canRetry()),
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
  return wrap(
    timeout(o.callBudgetMs, TimeoutStrategy.Aggressive),
    bulkhead(o.bulkheadLimit, o.bulkheadQueue),
    retries,
    breaker,
    timeout(o.attemptTimeoutMs, TimeoutStrategy.Aggressive),
  );
}
