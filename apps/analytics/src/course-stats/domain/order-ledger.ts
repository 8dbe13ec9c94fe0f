import type { OrderLine } from '@shop/contracts';

/** How a counted order ended. Both are final in checkout's state machine. */
export type OrderOutcome = 'COMPLETED' | 'CANCELLED';

/** An order as analytics counted it: enough to tell whether a later event agrees. */
export interface CountedOrder {
  readonly orderId: string;
  readonly outcome: OrderOutcome;
  readonly learnerId: string;
  /** Canonical: `course price currency` per line, by course, `;`-separated. */
  readonly lines: string;
}

export type CountDecision =
  | { readonly kind: 'count' }
  | { readonly kind: 'already-counted' }
  | { readonly kind: 'contradiction'; readonly reason: string };

/** The order an event describes, as it would be counted. */
export function countedOrderOf(
  outcome: OrderOutcome,
  order: { orderId: string; learnerId: string; lines: readonly OrderLine[] },
): CountedOrder {
  const lines = [...order.lines]
    .sort((a, b) => a.courseId.localeCompare(b.courseId))
    .map((l) => `${l.courseId} ${l.priceMinor} ${l.currency}`)
    .join(';');
  return { orderId: order.orderId, outcome, learnerId: order.learnerId, lines };
}

/**
 * An order ends once — COMPLETED or CANCELLED, never both — for one learner,
 * with one set of lines. A second event that agrees with what was counted is a
 * re-publication (counts nothing); one that disagrees contradicts it.
 */
export function judgeOrderEvent(
  known: CountedOrder | undefined,
  incoming: CountedOrder,
): CountDecision {
  if (known === undefined) return { kind: 'count' };
  const order = `order ${incoming.orderId}`;
  if (known.outcome !== incoming.outcome) {
    return contradiction(
      `${order} was counted as ${known.outcome}; it cannot also be ${incoming.outcome} (both are final)`,
    );
  }
  if (known.learnerId !== incoming.learnerId) {
    return contradiction(
      `${order} was counted for learner ${known.learnerId}; this event says learner ${incoming.learnerId}`,
    );
  }
  if (known.lines !== incoming.lines) {
    return contradiction(
      `${order} was counted with lines [${known.lines}]; this event says [${incoming.lines}]`,
    );
  }
  return { kind: 'already-counted' };
}

function contradiction(reason: string): CountDecision {
  return { kind: 'contradiction', reason };
}
