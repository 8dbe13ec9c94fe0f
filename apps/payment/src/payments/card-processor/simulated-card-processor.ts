import { setTimeout as sleep } from 'node:timers/promises';
import {
  CardProcessor,
  CardProcessorUnavailableError,
  type CardAuthorization,
  type ProcessorDecision,
} from './card-processor.js';
import { testCards, unknownCard } from './test-cards.js';

export interface SimulatedCardProcessorOptions {
  /** Every authorization takes this long. */
  readonly latencyMs: number;
  /** How long `tok_slow` takes. */
  readonly slowLatencyMs: number;
  /** Share of authorizations (0–1) that fail as if the processor were down. */
  readonly failureRate: number;
  readonly random?: () => number;
}

/**
 * A card processor in memory, driven by test tokens (test-cards.ts) plus
 * injectable latency and failures, so tests and benchmarks can make payment
 * slow or failing on purpose. It never sees a card number.
 */
export class SimulatedCardProcessor extends CardProcessor {
  constructor(private readonly options: SimulatedCardProcessorOptions) {
    super();
  }

  async authorize(request: CardAuthorization, signal: AbortSignal): Promise<ProcessorDecision> {
    const card = testCards[request.cardToken] ?? unknownCard;
    const { behaviour } = card;
    const latency =
      behaviour.outcome === 'approve-slowly' ? this.options.slowLatencyMs : this.options.latencyMs;
    // Rejects with the abort reason when the caller gives up: nothing is decided, nothing charged.
    await sleep(latency, undefined, { signal });
    const random = this.options.random ?? Math.random;
    if (behaviour.outcome === 'unavailable' || random() < this.options.failureRate) {
      throw new CardProcessorUnavailableError('simulated card processor failure');
    }
    return behaviour.outcome === 'decline'
      ? { approved: false, reason: behaviour.reason, cardLast4: card.last4 }
      : { approved: true, cardLast4: card.last4 };
  }
}
