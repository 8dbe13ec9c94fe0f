import {
  CardProcessor,
  type CardAuthorization,
  type ProcessorDecision,
} from '../card-processor/card-processor.js';

/** A card processor that answers what the test scripted, and counts the charges asked of it. */
export class ScriptedCardProcessor extends CardProcessor {
  readonly requests: CardAuthorization[] = [];
  next: () => Promise<ProcessorDecision> = () =>
    Promise.resolve({ approved: true, cardLast4: '4242' });

  authorize(request: CardAuthorization): Promise<ProcessorDecision> {
    this.requests.push(request);
    return this.next();
  }
}
