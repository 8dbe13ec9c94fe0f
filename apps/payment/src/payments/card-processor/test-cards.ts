import type { DeclineReasonCode } from './card-processor.js';

/** What the simulated processor does with one test token. */
export type TestCardBehaviour =
  | { readonly outcome: 'approve' }
  | { readonly outcome: 'decline'; readonly reason: DeclineReasonCode }
  | { readonly outcome: 'approve-slowly' }
  | { readonly outcome: 'unavailable' };

export interface TestCard {
  readonly brand: string;
  readonly last4: string | null;
  readonly behaviour: TestCardBehaviour;
  /** For people reading the list (README "Test cards", ListTestCards). */
  readonly description: string;
}

/** The documented test tokens (README "Test cards"). Any other `tok_…` is declined. */
export const testCards: Readonly<Record<string, TestCard>> = {
  tok_visa: {
    brand: 'visa',
    last4: '4242',
    behaviour: { outcome: 'approve' },
    description: 'Authorized at once: the everyday happy path.',
  },
  tok_mastercard: {
    brand: 'mastercard',
    last4: '4444',
    behaviour: { outcome: 'approve' },
    description: 'Authorized at once, like tok_visa, on another network.',
  },
  tok_declined: {
    brand: 'visa',
    last4: '0002',
    behaviour: { outcome: 'decline', reason: 'PROCESSOR_DECLINED' },
    description: 'Declined without a reason ("do not honor"), as any unknown token is.',
  },
  tok_insufficient_funds: {
    brand: 'visa',
    last4: '9995',
    behaviour: { outcome: 'decline', reason: 'INSUFFICIENT_FUNDS' },
    description: 'Declined: the account cannot cover the amount.',
  },
  tok_expired_card: {
    brand: 'mastercard',
    last4: '0069',
    behaviour: { outcome: 'decline', reason: 'CARD_EXPIRED' },
    description: 'Declined: the card is past its expiry date.',
  },
  tok_fraudulent: {
    brand: 'visa',
    last4: '0019',
    behaviour: { outcome: 'decline', reason: 'SUSPECTED_FRAUD' },
    description: 'Declined: the processor suspects fraud.',
  },
  // Approves after CARD_PROCESSOR_SLOW_MS: a caller's deadline passes first.
  tok_slow: {
    brand: 'visa',
    last4: '1881',
    behaviour: { outcome: 'approve-slowly' },
    description: "Authorized after CARD_PROCESSOR_SLOW_MS, so a caller's deadline passes first.",
  },
  // The processor is down for this card: UNAVAILABLE, nothing charged.
  tok_processor_down: {
    brand: 'visa',
    last4: null,
    behaviour: { outcome: 'unavailable' },
    description: 'The processor is down: UNAVAILABLE and nothing charged; retry later.',
  },
};

export const unknownCard: TestCard = {
  brand: 'unknown',
  last4: null,
  behaviour: { outcome: 'decline', reason: 'PROCESSOR_DECLINED' },
  description: 'Not a documented token: declined.',
};
