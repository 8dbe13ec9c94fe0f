/** Why a processor refused a card: the names of shop.payment.v1 DeclineReason without prefix. */
export type DeclineReasonCode =
  'INSUFFICIENT_FUNDS' | 'CARD_EXPIRED' | 'SUSPECTED_FRAUD' | 'PROCESSOR_DECLINED';

export interface CardAuthorization {
  /**
   * The processor's idempotency key: one per payment attempt (the PENDING
   * claim's id). The processor answers the same key with the same decision,
   * and `resolve` asks about it by this key.
   */
  readonly idempotencyKey: string;
  readonly cardToken: string;
  readonly amountMinor: number;
  readonly currency: string;
}

/** The processor's answer. `cardLast4` is all of the card anyone may keep. */
export type ProcessorDecision =
  | { readonly approved: true; readonly cardLast4: string | null }
  | {
      readonly approved: false;
      readonly reason: DeclineReasonCode;
      readonly cardLast4: string | null;
    };

/** What finally became of one authorization key: decided, or voided (never charged, never will be). */
export type ProcessorOutcome =
  { readonly kind: 'decided'; readonly decision: ProcessorDecision } | { readonly kind: 'voided' };

/** The processor could not be reached or failed before deciding: nothing was charged. */
export class CardProcessorUnavailableError extends Error {}

/**
 * The card processor payment talks to. Contract: when `signal` aborts before
 * a decision, the promise rejects and nothing was charged (an authorization
 * that is abandoned is voided); `CardProcessorUnavailableError` likewise
 * means nothing was charged. Idempotent by `idempotencyKey`, like a real
 * processor: asking again never charges twice.
 */
export abstract class CardProcessor {
  abstract authorize(request: CardAuthorization, signal: AbortSignal): Promise<ProcessorDecision>;

  /**
   * What became of the authorization sent with this key — the lookup that
   * settles an attempt whose process died mid-flight. One not decided by now
   * is voided first, so the answer is final: a late decision can no longer
   * charge it. Throws `CardProcessorUnavailableError` when the processor
   * cannot be asked.
   */
  abstract resolve(idempotencyKey: string): Promise<ProcessorOutcome>;
}
