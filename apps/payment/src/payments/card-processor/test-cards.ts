import type { DeclineReasonCode } from './card-processor.js';

/** What the simulated processor does with one test token. */
export type TestCardBehaviour =
  | { readonly outcome: 'approve' }
  | { readonly outcome: 'decline'; readonly reason: DeclineReasonCode }
  | { readonly outcome: 'approve-slowly' }
  | { readonly outcome: 'unavailable' };

interface TestCard {
  readonly last4: string | null;
  readonly behaviour: TestCardBehaviour;
}

/** The documented test tokens (README "Test cards"). Any other `tok_…` is declined. */
export const testCards: Readonly<Record<string, TestCard>> = {
  tok_visa: { last4: '4242', behaviour: { outcome: 'approve' } },
  tok_mastercard: { last4: '4444', behaviour: { outcome: 'approve' } },
  tok_declined: { last4: '0002', behaviour: { outcome: 'decline', reason: 'PROCESSOR_DECLINED' } },
  tok_insufficient_funds: {
    last4: '9995',
    behaviour: { outcome: 'decline', reason: 'INSUFFICIENT_FUNDS' },
  },
  tok_expired_card: { last4: '0069', behaviour: { outcome: 'decline', reason: 'CARD_EXPIRED' } },
  tok_fraudulent: { last4: '0019', behaviour: { outcome: 'decline', reason: 'SUSPECTED_FRAUD' } },
  // Approves after CARD_PROCESSOR_SLOW_MS: a caller's deadline passes first.
  tok_slow: { last4: '1881', behaviour: { outcome: 'approve-slowly' } },
  // The processor is down for this card: UNAVAILABLE, nothing charged.
  tok_processor_down: { last4: null, behaviour: { outcome: 'unavailable' } },
};

export const unknownCard: TestCard = {
  last4: null,
  behaviour: { outcome: 'decline', reason: 'PROCESSOR_DECLINED' },
};
