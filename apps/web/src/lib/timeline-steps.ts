// What the order page's timeline draws: a list of steps, oldest first. Today
// they come from the order's status history; the hops built from the
// purchase's traces (issue 16's timeline) are steps of the same shape.

export type StepOutcome = 'ok' | 'failed' | 'waiting';

export interface TimelineStep {
  readonly key: string;
  /** What happened, e.g. "PAID" or "gRPC Authorize". */
  readonly title: string;
  /** Why, in the service's words. */
  readonly detail: string;
  /** ISO instant. */
  readonly at: string;
  readonly outcome: StepOutcome;
}

export interface StatusChange {
  readonly from: string | null;
  readonly to: string;
  readonly reason: string;
  readonly at: string;
}

export const TERMINAL_STATUSES: readonly string[] = ['COMPLETED', 'CANCELLED'];

/** One step per status change, in the order they happened; the latest non-terminal one is still waiting. */
export function stepsFromHistory(history: readonly StatusChange[]): TimelineStep[] {
  const ordered = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return ordered.map((change, index) => ({
    key: `${String(index)}-${change.to}`,
    title: change.from ? `${change.from} → ${change.to}` : change.to,
    detail: change.reason,
    at: change.at,
    outcome:
      change.to === 'CANCELLED'
        ? 'failed'
        : index === ordered.length - 1 && !TERMINAL_STATUSES.includes(change.to)
          ? 'waiting'
          : 'ok',
  }));
}
