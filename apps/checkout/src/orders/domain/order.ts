import {
  EmptyOrderError,
  InvalidOrderTransitionError,
  MixedCurrenciesError,
} from './order.errors.js';
import { NEXT_STATUSES, type OrderStatus, type StatusChange } from './order-status.js';

const DECLINED = 'payment declined: ';

/** The reason an order is cancelled when its payment outcome stayed unknown past the deadline. */
export const PAYMENT_OUTCOME_TIMEOUT = 'payment-outcome-unknown-timeout';

/** The reason an order is cancelled when enrollment did not answer past the deadline. */
export const ENROLLMENT_TIMEOUT = 'enrollment-timeout';
const CANCEL_REQUESTED = `${ENROLLMENT_TIMEOUT}: enrollment did not answer within`;

export interface OrderLine {
  readonly courseId: string;
  readonly priceMinor: number;
  readonly currency: string;
}

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export interface OrderSnapshot {
  readonly id: string;
  /** The Idempotency-Key of the request that placed it; also the grant-seat command id. */
  readonly idempotencyKey: string;
  readonly learnerId: string;
  readonly lines: readonly OrderLine[];
  readonly total: Money;
  readonly status: OrderStatus;
  readonly paymentId: string | null;
  readonly refundId: string | null;
  readonly history: readonly StatusChange[];
}

/**
 * An order and its status history. Every transition goes through `moveTo`,
 * which enforces the state machine and records when and why; the use cases
 * persist the changes this object returns, in the same transaction as the
 * messages they announce.
 */
export class Order {
  private constructor(private state: OrderSnapshot) {}

  static place(
    { id, idempotencyKey, learnerId }: { id: string; idempotencyKey: string; learnerId: string },
    lines: readonly OrderLine[],
    at: Date,
  ): Order {
    if (lines.length === 0) throw new EmptyOrderError();
    const currencies = [...new Set(lines.map((l) => l.currency))];
    if (currencies.length > 1) throw new MixedCurrenciesError(currencies);
    const [currency = ''] = currencies;
    const total = { amountMinor: lines.reduce((sum, l) => sum + l.priceMinor, 0), currency };
    const placed: StatusChange = { from: null, to: 'PENDING_PAYMENT', reason: 'order placed', at };
    return new Order({
      id,
      idempotencyKey,
      learnerId,
      lines,
      total,
      status: 'PENDING_PAYMENT',
      paymentId: null,
      refundId: null,
      history: [placed],
    });
  }

  static restore(snapshot: OrderSnapshot): Order {
    return new Order(snapshot);
  }

  get snapshot(): OrderSnapshot {
    return this.state;
  }

  paymentAuthorized(paymentId: string, at: Date): StatusChange {
    const change = this.moveTo('PAID', 'payment authorized', at);
    this.state = { ...this.state, paymentId };
    return change;
  }

  paymentDeclined(declineReason: string, at: Date): StatusChange {
    return this.moveTo('CANCELLED', `${DECLINED}${declineReason}`, at);
  }

  /** Why payment declined this order, if it did (the order was cancelled before it was paid). */
  get declineReason(): string | undefined {
    const declined = this.state.history.find(
      (c) => c.from === 'PENDING_PAYMENT' && c.to === 'CANCELLED',
    );
    return declined?.reason.startsWith(DECLINED)
      ? declined.reason.slice(DECLINED.length)
      : undefined;
  }

  /** When the order was placed (its first history entry). */
  get placedAt(): Date {
    const [placed] = this.state.history;
    if (!placed) throw new Error(`order ${this.state.id} has no history`);
    return placed.at;
  }

  /**
   * The payment deadline passed with the outcome unknown: the order is
   * cancelled for good. `refunded` when payment turned out authorized after all
   * and the charge was given back.
   */
  paymentTimedOut(at: Date, refunded?: { paymentId: string; refundId: string }): StatusChange {
    const why = refunded
      ? `${PAYMENT_OUTCOME_TIMEOUT}: payment authorized late; payment refunded (refund ${refunded.refundId})`
      : `${PAYMENT_OUTCOME_TIMEOUT}: nothing was charged`;
    const change = this.moveTo('CANCELLED', why, at);
    if (refunded) this.state = { ...this.state, ...refunded };
    return change;
  }

  enrollmentRequested(at: Date): StatusChange {
    return this.moveTo('ENROLLING', 'seats requested from enrollment', at);
  }

  seatsGranted(at: Date): StatusChange {
    return this.moveTo('COMPLETED', 'seats granted', at);
  }

  /** When checkout asked enrollment for the seats (PAID → ENROLLING), if it did. */
  get enrollingSince(): Date | undefined {
    return this.state.history.find((c) => c.to === 'ENROLLING')?.at;
  }

  /**
   * Whether checkout asked enrollment to cancel the grant (the enrollment
   * deadline passed). From then on enrollment's answer to that request decides
   * the order: a late seat-granted no longer completes it.
   */
  get enrollmentCancelRequested(): boolean {
    return this.state.history.some(
      (c) =>
        c.from === 'ENROLLING' && c.to === 'ENROLLING' && c.reason.startsWith(CANCEL_REQUESTED),
    );
  }

  /**
   * The enrollment deadline passed without an answer: the order stays
   * ENROLLING, and its history says that the grant's cancellation was asked
   * for (the one entry that does not change the status).
   */
  enrollmentTimedOut(waitedMs: number, at: Date): StatusChange {
    const { id, status } = this.state;
    if (status !== 'ENROLLING' || this.enrollmentCancelRequested)
      throw new InvalidOrderTransitionError(id, status, 'ENROLLING');
    const seconds = Math.round(waitedMs / 1000);
    const reason = `${CANCEL_REQUESTED} ${seconds} s; asked enrollment to cancel the grant`;
    const change: StatusChange = { from: 'ENROLLING', to: 'ENROLLING', reason, at };
    this.state = { ...this.state, history: [...this.state.history, change] };
    return change;
  }

  /** Compensation: the seats could not be granted, so the payment was refunded. */
  cancelledAfterRefund(why: string, refundId: string, at: Date): StatusChange {
    const change = this.moveTo('CANCELLED', `${why}; payment refunded (refund ${refundId})`, at);
    this.state = { ...this.state, refundId };
    return change;
  }

  private moveTo(to: OrderStatus, reason: string, at: Date): StatusChange {
    const from = this.state.status;
    if (!NEXT_STATUSES[from].includes(to))
      throw new InvalidOrderTransitionError(this.state.id, from, to);
    const change: StatusChange = { from, to, reason, at };
    this.state = { ...this.state, status: to, history: [...this.state.history, change] };
    return change;
  }
}
