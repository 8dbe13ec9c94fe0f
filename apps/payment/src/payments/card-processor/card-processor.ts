/** Why a processor refused a card: the names of shop.payment.v1 DeclineReason without prefix. */
export type DeclineReasonCode =
  'INSUFFICIENT_FUNDS' | 'CARD_EXPIRED' | 'SUSPECTED_FRAUD' | 'PROCESSOR_DECLINED';

export interface CardAuthorization {
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

/** The processor could not be reached or failed before deciding: nothing was charged. */
export class CardProcessorUnavailableError extends Error {}

/**
 * The card processor payment talks to. Contract: when `signal` aborts before
 * a decision, the promise rejects and nothing was charged (an authorization
 * that is abandoned is voided); `CardProcessorUnavailableError` likewise
 * means nothing was charged.
 */
export abstract class CardProcessor {
  abstract authorize(request: CardAuthorization, signal: AbortSignal): Promise<ProcessorDecision>;
}
