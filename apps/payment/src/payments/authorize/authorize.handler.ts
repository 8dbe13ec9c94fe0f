import { Injectable } from '@nestjs/common';
import type { Payment } from '../domain/payment.js';
import {
  CardProcessor,
  CardProcessorUnavailableError,
  type DeclineReasonCode,
  type ProcessorDecision,
} from '../card-processor/card-processor.js';
import {
  AuthorizationInProgressError,
  CardDeclinedError,
  IdempotencyKeyReusedError,
  PaymentDeadlineExceededError,
  ProcessorUnavailableError,
} from '../domain/payment.errors.js';
import { isSettled, type SettledPayment } from '../domain/settled-payment.js';
import { PaymentsRepository, type ClaimResult } from '../payments.repository.js';
import { RecoverPendingPayment } from '../recover-payment/recover-pending-payment.js';
import type { AuthorizeCommand } from './authorize.command.js';

/**
 * Authorizes a charge once per idempotency key. The key is claimed first (a
 * PENDING row, unique), then the processor is asked, then the outcome is
 * recorded — so a retry or a concurrent twin can never charge twice, and
 * GetPayment can always tell what happened. A retry that finds a claim whose
 * lease ran out (its process died mid-flight) recovers it first: one lookup
 * at the processor, then its outcome — or, if nothing was charged, a fresh attempt.
 */
@Injectable()
export class AuthorizeHandler {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly processor: CardProcessor,
    private readonly recovery: RecoverPendingPayment,
  ) {}

  /** `signal` aborts when the caller's deadline passes or it cancels. */
  async execute(command: AuthorizeCommand, signal: AbortSignal): Promise<SettledPayment> {
    if (signal.aborted) throw new PaymentDeadlineExceededError();
    const claim = await this.claimOrRecover(command);
    if (claim.kind === 'taken') return this.replay(claim.payment, command);
    const decision = await this.decide(claim.payment, command, signal);
    // Recorded even if the deadline passed meanwhile: the card was charged, GetPayment must know.
    const settled = await this.payments.settle(claim.payment.id, decision);
    if (!settled) throw new ProcessorUnavailableError();
    return outcomeOf(settled);
  }

  // A stale claim of the same request is recovered; anything else is answered as found.
  private async claimOrRecover(command: AuthorizeCommand): Promise<ClaimResult> {
    const claim = await this.payments.claim(command.claim);
    const found = claim.payment;
    if (claim.kind === 'claimed' || !this.recovery.isStale(found)) return claim;
    const fingerprint = found.requestFingerprint;
    if (fingerprint !== null && fingerprint !== command.claim.requestFingerprint) return claim;
    const recovered = await this.recovery.execute(found).catch((error: unknown) => {
      if (error instanceof CardProcessorUnavailableError) throw new ProcessorUnavailableError();
      throw error;
    });
    switch (recovered.kind) {
      case 'settled':
        return { kind: 'taken', payment: recovered.payment };
      case 'busy':
        return claim;
      case 'released':
        // Nothing was charged and the attempt is void: this retry makes a fresh one.
        return this.payments.claim(command.claim);
    }
  }

  private async decide(
    claimed: Payment,
    command: AuthorizeCommand,
    signal: AbortSignal,
  ): Promise<ProcessorDecision> {
    try {
      return await this.processor.authorize(
        {
          // The processor's key is this attempt's: a recovery asks it about exactly this one.
          idempotencyKey: claimed.id,
          cardToken: command.cardToken,
          amountMinor: claimed.amountMinor,
          currency: claimed.currency,
        },
        signal,
      );
    } catch (error) {
      // Nothing was charged (the processor's contract): free the key for a retry.
      await this.payments.release(claimed.id);
      if (signal.aborted) throw new PaymentDeadlineExceededError();
      if (error instanceof CardProcessorUnavailableError) throw new ProcessorUnavailableError();
      throw error;
    }
  }

  private replay(first: Payment, command: AuthorizeCommand): SettledPayment {
    const sameRequest =
      first.requestFingerprint === null ||
      first.requestFingerprint === command.claim.requestFingerprint;
    if (!sameRequest) throw new IdempotencyKeyReusedError();
    return outcomeOf(first);
  }
}

/** The answer a payment gives its caller: itself, or the decline as an error. */
function outcomeOf(payment: Payment): SettledPayment {
  if (!isSettled(payment)) throw new AuthorizationInProgressError();
  if (payment.status === 'DECLINED') {
    throw new CardDeclinedError(declineReasonOf(payment.declineReason), payment.id);
  }
  return payment;
}

function declineReasonOf(stored: string | null): DeclineReasonCode {
  const reason = stored ?? '';
  switch (reason) {
    case 'INSUFFICIENT_FUNDS':
    case 'CARD_EXPIRED':
    case 'SUSPECTED_FRAUD':
      return reason;
    default:
      return 'PROCESSOR_DECLINED';
  }
}
