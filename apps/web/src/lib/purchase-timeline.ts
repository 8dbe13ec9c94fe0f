// What the order page's purchase timeline draws, from `Order.timeline`
// (docs/patterns/purchase-timeline.md): one row per hop in the causal order
// the bff gives them, each with its place on the purchase's time axis, the
// hop it follows from and the status changes recorded during it; and, when
// there is no timeline, the order's status history (status-steps.ts).

import {
  formatMs,
  hopTitle,
  INTENTS,
  MODES,
  OUTCOMES,
  TRANSPORTS,
  type Label,
  type OutcomeLabel,
} from './hop-labels';
import { stepsOf, TERMINAL_STATUSES, type StatusChange, type StatusStep } from './status-steps';

export type HopIntent = 'QUERY' | 'COMMAND' | 'EVENT' | 'WRITE';
export type HopTransport = 'HTTP' | 'GRAPHQL' | 'GRPC' | 'AMQP' | 'KAFKA' | 'OUTBOX';
export type HopMode = 'SYNC' | 'ASYNC';
export type HopOutcome =
  'OK' | 'ERROR' | 'DECLINED' | 'REJECTED' | 'RETRIED' | 'DEAD_LETTERED' | 'IN_PROGRESS';

/** A hop as the bff answers it (`TimelineHop`). */
export interface TimelineHop {
  readonly id: string;
  readonly step: string;
  readonly service: string;
  readonly caller: string | null;
  readonly intent: HopIntent;
  readonly transport: HopTransport;
  readonly mode: HopMode;
  readonly startedAt: string;
  readonly durationMs: number | null;
  readonly waitedMs: number | null;
  readonly outcome: HopOutcome;
  readonly outcomeDetail: string | null;
  readonly attempt: number | null;
  readonly causedBy: string | null;
}

export interface PlacedStatusChange extends StatusChange {
  /** The hop during which the change was recorded, if one was running. */
  readonly duringHop: string | null;
}

export interface HopRow {
  readonly id: string;
  /** 1-based position in causal order; "follows from 3" refers to it. */
  readonly number: number;
  /** How many hops lead to this one through `causedBy` (0: where the purchase entered). */
  readonly depth: number;
  readonly title: string;
  readonly step: string;
  readonly service: string;
  readonly intent: Label;
  readonly transport: Label;
  readonly mode: Label;
  /** Since the first hop started. */
  readonly startOffsetMs: number;
  readonly durationMs: number | null;
  /** Async hops: "waited 6.7 ms in the outbox". */
  readonly waited: string | null;
  readonly outcome: OutcomeLabel;
  readonly outcomeDetail: string | null;
  /** Shown when the work was tried more than once. */
  readonly attempt: number | null;
  readonly followsFrom: { readonly number: number; readonly title: string } | null;
  /** Undoing a purchase that was paid: the hop where it starts, and the calls that undo. */
  readonly compensation: 'starts' | 'undoes' | null;
  readonly statusChanges: readonly StatusStep[];
  /** The hop on the purchase's time axis, in percent of its whole length. */
  readonly bar: { readonly left: number; readonly width: number };
}

export interface TimelineRows {
  readonly rows: readonly HopRow[];
  /** Status changes no hop (yet) holds: spans still on their way, or work outside any hop. */
  readonly unplaced: readonly StatusStep[];
  /** How the order ended, and in which hop; null while it is under way. */
  readonly end: { readonly step: StatusStep; readonly hop: number | null } | null;
}

// A cancellation after the money was taken has something to undo.
const PAID_STATUSES = new Set(['PAID', 'ENROLLING']);

/** The rows of a timeline, in the order given (the bff's causal order). */
export function timelineRows(
  hops: readonly TimelineHop[],
  history: readonly PlacedStatusChange[],
): TimelineRows {
  const axis = timeAxis(hops);
  const stepOf = new Map(stepsOf(history));
  const hopById = new Map(hops.map((h) => [h.id, h]));
  const compensating =
    history.find((c) => c.to === 'CANCELLED' && c.from !== null && PAID_STATUSES.has(c.from))
      ?.duringHop ?? null;
  const rows = new Map<string, HopRow>();
  hops.forEach((hop, index) => {
    const cause = hop.causedBy === null ? undefined : rows.get(hop.causedBy);
    const offset = Date.parse(hop.startedAt) - axis.origin;
    rows.set(hop.id, {
      id: hop.id,
      number: index + 1,
      depth: cause ? cause.depth + 1 : 0,
      title: hopTitle(hop),
      step: hop.step,
      service: hop.service,
      intent: INTENTS[hop.intent],
      transport: TRANSPORTS[hop.transport],
      mode: MODES[hop.mode],
      startOffsetMs: offset,
      durationMs: hop.durationMs,
      waited: waitedText(hop, hop.causedBy === null ? undefined : hopById.get(hop.causedBy)),
      outcome: OUTCOMES[hop.outcome],
      outcomeDetail: hop.outcomeDetail,
      // A first attempt that went through is the usual case, not news.
      attempt:
        hop.attempt !== null && (hop.attempt > 1 || hop.outcome === 'RETRIED') ? hop.attempt : null,
      followsFrom: cause ? { number: cause.number, title: cause.title } : null,
      compensation: compensationOf(hop, compensating),
      statusChanges: [...stepOf]
        .filter(([change]) => change.duringHop === hop.id)
        .map(([, step]) => step),
      bar: {
        left: (offset / axis.length) * 100,
        // A hop that has not ended runs to the end of the purchase so far.
        width: ((hop.durationMs ?? axis.length - offset) / axis.length) * 100,
      },
    });
  });
  const placed = new Set(rows.keys());
  const ended = [...stepOf].findLast(([change]) => TERMINAL_STATUSES.includes(change.to));
  const endedIn = ended?.[0].duringHop ?? null;
  return {
    end: ended
      ? { step: ended[1], hop: (endedIn === null ? null : rows.get(endedIn)?.number) ?? null }
      : null,
    rows: [...rows.values()],
    unplaced: [...stepOf]
      .filter(([c]) => c.duringHop === null || !placed.has(c.duringHop))
      .map(([, step]) => step),
  };
}

// From the first hop's start to the last hop's end (1 ms at least, to divide by).
function timeAxis(hops: readonly TimelineHop[]): { origin: number; length: number } {
  const origin = Math.min(...hops.map((h) => Date.parse(h.startedAt)));
  const end = Math.max(...hops.map((h) => Date.parse(h.startedAt) + (h.durationMs ?? 0)));
  return { origin, length: Math.max(end - origin, 1) };
}

// The hop in which a paid order was cancelled starts the compensation; the
// commands it called synchronously (the refund) undo what was done before.
function compensationOf(hop: TimelineHop, compensating: string | null): HopRow['compensation'] {
  if (compensating === null) return null;
  if (hop.id === compensating) return 'starts';
  return hop.causedBy === compensating && hop.mode === 'SYNC' && hop.intent === 'COMMAND'
    ? 'undoes'
    : null;
}

function waitedText(hop: TimelineHop, cause: TimelineHop | undefined): string | null {
  if (hop.mode !== 'ASYNC' || hop.waitedMs === null) return null;
  const where =
    cause?.transport === 'OUTBOX'
      ? 'in the outbox'
      : hop.transport === 'AMQP'
        ? 'in the queue'
        : hop.transport === 'KAFKA'
          ? 'in the topic'
          : 'before it was taken';
  return `waited ${formatMs(hop.waitedMs)} ${where}`;
}
