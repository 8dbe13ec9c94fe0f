/**
 * A handler's answer "this message contradicts what I already know" (an order
 * completed twice with different lines, seats for an order that does not
 * exist): the consumer dead-letters it at once with `code` and `reason`,
 * without retrying, and the handler has changed nothing. Returned, not thrown,
 * so it is never mistaken for a failure worth retrying.
 */
export interface Refusal {
  readonly refused: true;
  /** Stable, for metrics and alerts: `CONTRADICTION`, `UNKNOWN_ORDER`, … */
  readonly code: string;
  /** Names the contradiction, for whoever reads the dead letter. */
  readonly reason: string;
}

export function refuse(code: string, reason: string): Refusal {
  return { refused: true, code, reason };
}

export function isRefusal(value: unknown): value is Refusal {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { refused?: unknown }).refused === true &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { reason?: unknown }).reason === 'string'
  );
}
