import { setTimeout as sleep } from 'node:timers/promises';
import { DevFaults, InjectedFaultError } from '@shop/platform';
import {
  CardProcessor,
  CardProcessorUnavailableError,
  type CardAuthorization,
  type ProcessorDecision,
  type ProcessorOutcome,
} from './card-processor.js';
import type { ProcessorLedger } from './processor-ledger.js';
import { testCards, unknownCard } from './test-cards.js';

export interface SimulatedCardProcessorOptions {
  /** Every authorization takes this long. */
  readonly latencyMs: number;
  /** How long `tok_slow` takes. */
  readonly slowLatencyMs: number;
  /** Share of authorizations (0–1) that fail as if the processor were down. */
  readonly failureRate: number;
  readonly random?: () => number;
  /** Development only: latency and failures the stack's fault API injects at run time (docs/drills.md). */
  readonly faults?: DevFaults;
}

/**
 * A card processor driven by test tokens (test-cards.ts) plus injectable
 * latency and failures, so tests and benchmarks can make payment slow or
 * failing on purpose. It never sees a card number. Like a real processor it
 * keeps its own record per idempotency key (the ledger, its own table), so
 * asking again — or asking what happened after payment crashed — gets the
 * truth, never a second charge.
 */
export class SimulatedCardProcessor extends CardProcessor {
  constructor(
    private readonly options: SimulatedCardProcessorOptions,
    private readonly ledger: ProcessorLedger,
  ) {
    super();
  }

  async authorize(request: CardAuthorization, signal: AbortSignal): Promise<ProcessorDecision> {
    const earlier = await this.ledger.find(request.idempotencyKey);
    if (earlier) return answerOf(earlier);
    const card = testCards[request.cardToken] ?? unknownCard;
    const { behaviour } = card;
    const latency =
      behaviour.outcome === 'approve-slowly' ? this.options.slowLatencyMs : this.options.latencyMs;
    // Rejects with the abort reason when the caller gives up: nothing is decided, nothing charged.
    await sleep(latency, undefined, { signal });
    await this.injectedFaults(signal);
    const random = this.options.random ?? Math.random;
    if (behaviour.outcome === 'unavailable' || random() < this.options.failureRate) {
      throw new CardProcessorUnavailableError('simulated card processor failure');
    }
    const decision: ProcessorDecision =
      behaviour.outcome === 'decline'
        ? { approved: false, reason: behaviour.reason, cardLast4: card.last4 }
        : { approved: true, cardLast4: card.last4 };
    // First write wins: if a lookup voided this key meanwhile, the void stands.
    return answerOf(
      await this.ledger.recordFirst(request.idempotencyKey, { kind: 'decided', decision }),
    );
  }

  private async injectedFaults(signal: AbortSignal): Promise<void> {
    try {
      await (this.options.faults ?? DevFaults.off()).apply('payment.authorize', signal);
    } catch (error) {
      // An injected failure is the processor failing before it decided: nothing charged.
      if (error instanceof InjectedFaultError)
        throw new CardProcessorUnavailableError(error.message);
      throw error;
    }
  }

  resolve(idempotencyKey: string): Promise<ProcessorOutcome> {
    return this.ledger.recordFirst(idempotencyKey, { kind: 'voided' });
  }
}

function answerOf(outcome: ProcessorOutcome): ProcessorDecision {
  if (outcome.kind === 'voided') {
    throw new CardProcessorUnavailableError('this authorization was voided; nothing was charged');
  }
  return outcome.decision;
}
