import {
  CardProcessor,
  type CardAuthorization,
  type ProcessorDecision,
  type ProcessorOutcome,
} from '../card-processor/card-processor.js';

/** A card processor that answers what the test scripted, and counts the charges and lookups asked of it. */
export class ScriptedCardProcessor extends CardProcessor {
  readonly requests: CardAuthorization[] = [];
  readonly lookups: string[] = [];
  next: () => Promise<ProcessorDecision> = () =>
    Promise.resolve({ approved: true, cardLast4: '4242' });
  /** What a lookup answers, by key; an unknown key is voided, as the simulated processor does. */
  readonly outcomes = new Map<string, ProcessorOutcome>();

  authorize(request: CardAuthorization): Promise<ProcessorDecision> {
    this.requests.push(request);
    return this.next();
  }

  resolve(idempotencyKey: string): Promise<ProcessorOutcome> {
    this.lookups.push(idempotencyKey);
    return Promise.resolve(this.outcomes.get(idempotencyKey) ?? { kind: 'voided' });
  }
}
