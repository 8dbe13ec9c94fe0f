import type { Tone } from './hop-labels';

// An order's status history as a list of steps, oldest first: on its own
// when there is no purchase timeline, and within the hops when there is.

export interface StatusChange {
  readonly from: string | null;
  readonly to: string;
  readonly reason: string;
  readonly at: string;
}

export const TERMINAL_STATUSES: readonly string[] = ['COMPLETED', 'CANCELLED'];

export interface StatusStep {
  readonly key: string;
  /** "PAID → ENROLLING", or the first status alone. */
  readonly title: string;
  /** The status the order went to. */
  readonly status: string;
  /** Why, in checkout's words. */
  readonly detail: string;
  /** ISO instant. */
  readonly at: string;
  readonly tone: Tone;
}

/** One step per status change, in the order they happened; the latest open one is still waiting. */
export function statusSteps(history: readonly StatusChange[]): StatusStep[] {
  return stepsOf(history).map(([, step]) => step);
}

/** Each change with its step, oldest first. */
export function stepsOf<Change extends StatusChange>(
  history: readonly Change[],
): [Change, StatusStep][] {
  const ordered = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return ordered.map((change, index) => [
    change,
    {
      key: `${String(index)}-${change.to}`,
      title: change.from ? `${change.from} → ${change.to}` : change.to,
      status: change.to,
      detail: change.reason,
      at: change.at,
      tone:
        change.to === 'CANCELLED'
          ? 'failed'
          : index === ordered.length - 1 && !TERMINAL_STATUSES.includes(change.to)
            ? 'waiting'
            : 'ok',
    },
  ]);
}
