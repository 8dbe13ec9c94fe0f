import { Metadata, status } from '@grpc/grpc-js';
import { PaymentDeclineTrailers, paymentV1 } from '@shop/contracts';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CallPolicy,
  grpcStatusOf,
  isRetryableGrpcError,
} from '@shop/resilience';
import type { PaymentGrpcClient } from './payment.grpc-client.js';
import {
  Payments,
  type AuthorizeOutcome,
  type DeclineReasonName,
  type PaymentOrder,
  type RefundOutcome,
  type RefundRequest,
  type UnavailableReason,
} from './payments.port.js';

const { PaymentStatus, RefundReason } = paymentV1;

/**
 * checkout → payment, synchronously: every call goes through one shared
 * CallPolicy (deadline, retries within a budget, breaker, bulkhead). An
 * Authorize whose outcome is uncertain is resolved with GetPayment by its
 * idempotency key — never by charging again. ABORTED ("an attempt with this
 * key is being decided") is neither retried nor looked up: one call per
 * client retry, however many retries a stuck key gets.
 */
export class PaymentsGrpcAdapter extends Payments {
  constructor(
    private readonly client: PaymentGrpcClient,
    private readonly policy: CallPolicy,
  ) {
    super();
  }

  async authorize(order: PaymentOrder): Promise<AuthorizeOutcome> {
    // Set by the attempt itself: TypeScript cannot see a closure's writes to a plain `let`.
    const progress = { sent: false };
    const request = {
      idempotencyKey: order.idempotencyKey,
      orderId: order.orderId,
      learnerId: order.learnerId,
      amount: { amountMinor: order.amount.amountMinor, currencyCode: order.amount.currency },
      cardToken: order.cardToken,
    };
    try {
      const { payment } = await this.policy.execute(
        (attempt) => {
          progress.sent = true;
          return this.client.call('authorize', request, attempt);
        },
        undefined,
        { isRetryable: unlessInProgress },
      );
      return { kind: 'authorized', paymentId: payment?.paymentId ?? '' };
    } catch (error) {
      const declined = declineOf(error);
      if (declined) return declined;
      if (isDefiniteRefusal(error)) throw error;
      // payment itself says it is deciding: a lookup now would say the same.
      if (grpcStatusOf(error) === status.ABORTED) return this.unavailable('outcome-unknown', error);
      // The policy refused before anything left: nothing can have been charged.
      if (!progress.sent) return this.unavailable(refusalOf(error), error);
      return this.outcomeOf(order.idempotencyKey);
    }
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const call = {
      idempotencyKey: request.idempotencyKey,
      paymentId: request.paymentId,
      reason: RefundReason[`REFUND_REASON_${request.reason}`],
    };
    try {
      const { payment } = await this.policy.execute((attempt) =>
        this.client.call('refund', call, attempt),
      );
      return { kind: 'refunded', paymentId: payment?.paymentId ?? request.paymentId };
    } catch (error) {
      if (grpcStatusOf(error) === status.FAILED_PRECONDITION)
        return { kind: 'not-refundable', paymentId: request.paymentId };
      if (isDefiniteRefusal(error)) throw error;
      // Retrying a refund with the same key is safe: the caller tries again later.
      return this.unavailable('outcome-unknown', error);
    }
  }

  // The uncertain-outcome rule: ask what happened, by the same idempotency key.
  async outcomeOf(idempotencyKey: string): Promise<AuthorizeOutcome> {
    try {
      const lookup = { authorizeIdempotencyKey: idempotencyKey };
      const { payment } = await this.policy.execute(
        (attempt) => this.client.call('getPayment', lookup, attempt),
        undefined,
        { isRetryable: unlessInProgress },
      );
      if (payment?.status === PaymentStatus.PAYMENT_STATUS_DECLINED) {
        return {
          kind: 'declined',
          paymentId: payment.paymentId,
          reason: declineReasonName(payment.declineReason),
        };
      }
      return { kind: 'authorized', paymentId: payment?.paymentId ?? '' };
    } catch (error) {
      const reason = grpcStatusOf(error) === status.NOT_FOUND ? 'not-charged' : 'outcome-unknown';
      return this.unavailable(reason, error);
    }
  }

  private unavailable(
    reason: UnavailableReason,
    error: unknown,
  ): AuthorizeOutcome & { kind: 'unavailable' } {
    const { breakerHalfOpenAfterMs, backoffMaxMs } = this.policy.options;
    const retryAfterMs =
      error instanceof BrokenCircuitError ? breakerHalfOpenAfterMs : backoffMaxMs;
    return { kind: 'unavailable', reason, retryAfterMs };
  }
}

// ABORTED from Authorize or GetPayment means "being decided": payment
// resolves it (a lease, then recovery), an immediate retry cannot.
function unlessInProgress(error: unknown): boolean {
  return isRetryableGrpcError(error) && grpcStatusOf(error) !== status.ABORTED;
}

function declineOf(error: unknown): AuthorizeOutcome | undefined {
  if (grpcStatusOf(error) !== status.FAILED_PRECONDITION) return undefined;
  const trailers = (error as { metadata?: Metadata }).metadata;
  const reason = String(trailers?.get(PaymentDeclineTrailers.reason)[0] ?? '');
  const paymentId = String(trailers?.get(PaymentDeclineTrailers.paymentId)[0] ?? '');
  return {
    kind: 'declined',
    paymentId,
    reason: isDeclineReason(reason) ? reason : 'DECLINE_REASON_UNSPECIFIED',
  };
}

// Answers that say the request itself is wrong: a bug in checkout, not an outage.
// FAILED_PRECONDITION never gets here: both callers handle it first (a decline, not refundable).
function isDefiniteRefusal(error: unknown): boolean {
  const code = grpcStatusOf(error);
  return code === status.INVALID_ARGUMENT || code === status.NOT_FOUND;
}

function refusalOf(error: unknown): UnavailableReason {
  if (error instanceof BrokenCircuitError) return 'circuit-open';
  if (error instanceof BulkheadRejectedError) return 'bulkhead-full';
  return 'not-charged';
}

function isDeclineReason(name: string): name is DeclineReasonName {
  return name in paymentV1.DeclineReason;
}

function declineReasonName(reason: paymentV1.DeclineReason): DeclineReasonName {
  const name = paymentV1.DeclineReason[reason];
  return isDeclineReason(name) ? name : 'DECLINE_REASON_UNSPECIFIED';
}
