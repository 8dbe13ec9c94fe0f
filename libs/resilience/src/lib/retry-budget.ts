/** Knobs of a {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Retries allowed per call made, over the window (0.1 = retries add at most 10 % load). */
  readonly ratio: number;
  /** Retries always allowed per window, so a quiet client can still retry at all. */
  readonly minRetriesPerWindow: number;
  /** Length of the sliding window, in milliseconds. */
  readonly windowMs: number;
}

const SLOTS = 10;

/**
 * Caps retries at a fraction of calls over a sliding window (Finagle's
 * RetryBudget, gRPC's retry throttling), so that when a dependency is down
 * retries cannot multiply the load on it. cockatiel has no such policy; see
 * docs/adr/0008-resilience-policies.md.
 */
export class RetryBudget {
  // The window is cut into SLOTS buckets; the oldest is dropped as time moves on.
  private readonly calls = new Array<number>(SLOTS).fill(0);
  private readonly retries = new Array<number>(SLOTS).fill(0);
  private slotStart: number;
  private slot = 0;

  constructor(
    private readonly options: RetryBudgetOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.slotStart = now();
  }

  /** Records one call (not a retry): it earns `ratio` retries. */
  recordCall(): void {
    this.advance();
    this.calls[this.slot] = (this.calls[this.slot] ?? 0) + 1;
  }

  /** Whether one more retry fits the budget right now. */
  canRetry(): boolean {
    this.advance();
    const allowed = this.options.minRetriesPerWindow + this.options.ratio * sum(this.calls);
    return sum(this.retries) + 1 <= allowed;
  }

  /** How many more retries fit the budget right now (for metrics). */
  remaining(): number {
    this.advance();
    const allowed = this.options.minRetriesPerWindow + this.options.ratio * sum(this.calls);
    return Math.max(0, Math.floor(allowed - sum(this.retries)));
  }

  /** Records a retry that is happening. */
  recordRetry(): void {
    this.advance();
    this.retries[this.slot] = (this.retries[this.slot] ?? 0) + 1;
  }

  private advance(): void {
    const slotMs = this.options.windowMs / SLOTS;
    const elapsedSlots = Math.floor((this.now() - this.slotStart) / slotMs);
    for (let i = 0; i < Math.min(SLOTS, elapsedSlots); i++) {
      this.slot = (this.slot + 1) % SLOTS;
      this.calls[this.slot] = 0;
      this.retries[this.slot] = 0;
    }
    this.slotStart += elapsedSlots * slotMs;
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
