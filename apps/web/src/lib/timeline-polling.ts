import type { PlacedStatusChange, TimelineHop } from './purchase-timeline';
import { TERMINAL_STATUSES } from './status-steps';

// When the purchase timeline stops asking again. A finished order is not a
// finished timeline: checkout does not wait for the events it publishes, so
// notification and analytics consume order.completed after the order is
// COMPLETED, and every service exports its spans about half a second after
// the work. So the page keeps asking after the order ends, until every
// message that went out has been taken by someone — or, since the browser
// cannot know which topics have consumers (order.cancelled.v1 has none in
// this stack), until a bound passes.

/** How long the page keeps asking after the order became COMPLETED or CANCELLED. */
export const FOLLOW_AFTER_END_MS = 20_000;

export interface TimelineAnswer {
  readonly status: string;
  readonly timeline: {
    readonly hops: readonly TimelineHop[];
    readonly history: readonly PlacedStatusChange[];
  } | null;
}

/**
 * following: ask again; complete: every hop is in; gave-up: the bound passed
 * with hops still missing; unavailable: the order ended and there is no
 * timeline to wait for (no tracing backend, or it did not answer in time).
 */
export type FollowPhase = 'following' | 'complete' | 'gave-up' | 'unavailable';

/** What the page remembers between two answers. */
export interface FollowMemory {
  /** When the page first saw the order ended (ms since the epoch). */
  readonly endedAt: number | null;
  /** The previous answer's hops, as a fingerprint. */
  readonly previous: string | null;
}

export const START_FOLLOWING: FollowMemory = { endedAt: null, previous: null };

/** Whether to ask again after `answer`, seen at `now`. */
export function nextFollow(
  answer: TimelineAnswer,
  memory: FollowMemory,
  now: number,
): { readonly phase: FollowPhase; readonly memory: FollowMemory } {
  const fingerprint = answer.timeline ? fingerprintOf(answer.timeline) : null;
  if (!TERMINAL_STATUSES.includes(answer.status))
    return { phase: 'following', memory: { endedAt: null, previous: fingerprint } };
  const next = { endedAt: memory.endedAt ?? now, previous: fingerprint };
  if (!answer.timeline) return { phase: 'unavailable', memory: next };
  // The same hops twice in a row: a span exported in the meantime (a call's
  // server side, which names the service that answered) is not missed.
  if (timelineComplete(answer.timeline) && fingerprint === memory.previous)
    return { phase: 'complete', memory: next };
  if (now - next.endedAt >= FOLLOW_AFTER_END_MS) return { phase: 'gave-up', memory: next };
  return { phase: 'following', memory: next };
}

/**
 * Every hop has ended, every status change is placed in a hop, every outbox
 * write was sent on (a publish that did not fail), and every message sent was
 * taken by at least one consumer.
 */
export function timelineComplete(timeline: NonNullable<TimelineAnswer['timeline']>): boolean {
  const { hops, history } = timeline;
  if (hops.length === 0) return false;
  const ids = new Set(hops.map((h) => h.id));
  const followers = (hop: TimelineHop) => hops.filter((h) => h.causedBy === hop.id);
  const sent = (hop: TimelineHop) => hop.outcome !== 'RETRIED' && hop.outcome !== 'ERROR';
  return (
    hops.every((h) => h.outcome !== 'IN_PROGRESS') &&
    history.every((c) => c.duringHop !== null && ids.has(c.duringHop)) &&
    hops.filter((h) => h.transport === 'OUTBOX').every((write) => followers(write).some(sent)) &&
    hops
      .filter((h) => isPublish(h, hops) && sent(h))
      .every((publish) => followers(publish).length > 0)
  );
}

// A relay's publish follows from an outbox write (the relay span's link).
const isPublish = (hop: TimelineHop, hops: readonly TimelineHop[]) =>
  hop.mode === 'ASYNC' && hops.some((h) => h.id === hop.causedBy && h.transport === 'OUTBOX');

const fingerprintOf = (timeline: NonNullable<TimelineAnswer['timeline']>) =>
  JSON.stringify(timeline.hops.map((h) => [h.id, h.service, h.outcome, h.durationMs]));
