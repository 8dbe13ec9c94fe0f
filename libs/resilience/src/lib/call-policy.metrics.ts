import { DURATION_BUCKETS_S, secondsSince, shopMeter } from '@shop/metrics';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';

const meter = shopMeter('@shop/resilience');

const callDuration = meter.createHistogram('shop.dependency.call.duration', {
  unit: 's',
  description:
    'Calls to a dependency through its CallPolicy, retries and backoff included, by outcome: ok, refused (an answer such as a decline), failure (counts against the breaker), circuit_open, bulkhead_rejected, timeout.',
  advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_S] },
});
const transitions = meter.createCounter('shop.circuit_breaker.transitions', {
  description: "Changes of a dependency's circuit breaker, by the state it moved to.",
});
const retries = meter.createCounter('shop.retry.attempts', {
  description: 'Retries a CallPolicy made (each within the retry budget).',
});
const budgetRefusals = meter.createCounter('shop.retry_budget.refusals', {
  description:
    'Retryable failures the retry budget did not retry because it was spent: the budget holding a retry storm back.',
});
const rejections = meter.createCounter('shop.bulkhead.rejections', {
  description: 'Calls refused at once because the bulkhead and its queue were full.',
});
const breakerState = meter.createObservableGauge('shop.circuit_breaker.state', {
  description: 'The circuit state of a dependency: 1 for the state it is in, 0 for the others.',
});
const inFlight = meter.createObservableUpDownCounter('shop.bulkhead.in_flight', {
  description: 'Calls holding a bulkhead slot right now.',
});
const queued = meter.createObservableUpDownCounter('shop.bulkhead.queued', {
  description: 'Calls waiting for a bulkhead slot right now.',
});
const budgetRemaining = meter.createObservableGauge('shop.retry_budget.remaining', {
  description: 'Retries the retry budget still allows in its current window.',
});

export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';
const STATES: readonly CircuitStateName[] = ['closed', 'open', 'half-open', 'isolated'];

/** What the metrics read from a live policy at each scrape. */
export interface ObservedPolicy {
  readonly circuitState: CircuitStateName;
  readonly bulkheadInFlight: number;
  readonly bulkheadQueued: number;
  readonly retryBudgetRemaining: number;
}

/**
 * The metrics of one {@link CallPolicy}, labelled with its dependency's name
 * (`shop.dependency`, a name from code, never from a request).
 */
export class CallPolicyMetrics {
  private readonly attributes: { readonly 'shop.dependency': string };

  constructor(
    dependency: string,
    policy: ObservedPolicy,
    private readonly isServiceFailure: (error: unknown) => boolean,
  ) {
    this.attributes = { 'shop.dependency': dependency };
    // A weak reference: a policy nobody uses any more is not kept alive by its gauges.
    const ref = new WeakRef(policy);
    const observe: Parameters<typeof meter.addBatchObservableCallback>[0] = (result) => {
      const live = ref.deref();
      if (!live) {
        meter.removeBatchObservableCallback(observe, observables);
        return;
      }
      for (const state of STATES) {
        const value = live.circuitState === state ? 1 : 0;
        result.observe(breakerState, value, { ...this.attributes, 'shop.circuit.state': state });
      }
      result.observe(inFlight, live.bulkheadInFlight, this.attributes);
      result.observe(queued, live.bulkheadQueued, this.attributes);
      result.observe(budgetRemaining, live.retryBudgetRemaining, this.attributes);
    };
    const observables = [breakerState, inFlight, queued, budgetRemaining];
    meter.addBatchObservableCallback(observe, observables);
  }

  transitioned(to: CircuitStateName): void {
    transitions.add(1, { ...this.attributes, 'shop.circuit.state': to });
  }

  retried(): void {
    retries.add(1, this.attributes);
  }

  retryRefused(): void {
    budgetRefusals.add(1, this.attributes);
  }

  rejected(): void {
    rejections.add(1, this.attributes);
  }

  /** Times one call and records how it ended. */
  async timed<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await call();
      this.record(started, 'ok');
      return result;
    } catch (error) {
      this.record(started, this.outcomeOf(error));
      throw error;
    }
  }

  private record(started: number, outcome: string): void {
    callDuration.record(secondsSince(started), {
      ...this.attributes,
      'shop.call.outcome': outcome,
    });
  }

  private outcomeOf(error: unknown): string {
    if (error instanceof BrokenCircuitError) return 'circuit_open';
    if (error instanceof BulkheadRejectedError) return 'bulkhead_rejected';
    if (error instanceof TaskCancelledError) return 'timeout';
    return this.isServiceFailure(error) ? 'failure' : 'refused';
  }
}
