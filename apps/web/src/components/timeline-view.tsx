import {
  timelineRows,
  type PlacedStatusChange,
  type TimelineHop as Hop,
  type TimelineRows,
} from '../lib/purchase-timeline';
import { statusSteps, TERMINAL_STATUSES, type StatusChange } from '../lib/status-steps';
import type { FollowPhase } from '../lib/timeline-polling';
import { StatusTimeline } from './status-timeline';
import { FollowState } from './timeline-follow-state';
import { TimelineHop } from './timeline-hop';
import { TimelineLegend } from './timeline-legend';

/** An order as the timeline query answers it. */
export interface TimelineOrder {
  readonly status: string;
  readonly history: readonly StatusChange[];
  readonly timeline: {
    readonly hops: readonly Hop[];
    readonly history: readonly PlacedStatusChange[];
  } | null;
}

/** One answer drawn: the hops, how the order ended, the legend; or the status history and why. */
export function TimelineView(props: {
  readonly order: TimelineOrder;
  readonly phase: FollowPhase;
  readonly retry: () => void;
}) {
  const { order, phase } = props;
  if (!order.timeline) {
    return (
      <>
        <p className="notice timeline-unavailable">
          <strong>No purchase timeline for this order:</strong> checkout builds it from the
          purchase’s traces, and either no tracing backend is configured or it did not answer in
          time. Shown instead: the order’s status history.
        </p>
        <StatusTimeline label="Status history of the order" steps={statusSteps(order.history)} />
      </>
    );
  }
  const { rows, unplaced, end } = timelineRows(order.timeline.hops, order.timeline.history);
  return (
    <>
      <FollowState
        phase={phase}
        ended={TERMINAL_STATUSES.includes(order.status)}
        retry={props.retry}
      />
      {end ? (
        <p className={`timeline-end timeline-end--${end.step.tone}`}>
          <span aria-hidden="true">{end.step.tone === 'failed' ? '✕ ' : '✓ '}</span>
          The order ended <strong>{end.step.status}</strong>
          {end.hop === null ? '' : ` in hop ${String(end.hop)}`}: {end.step.detail}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>No hops yet: spans reach the tracing backend about half a second after the work.</p>
      ) : (
        <HopList rows={rows} />
      )}
      {unplaced.length > 0 ? (
        <>
          <h3>Status changes not yet placed in a hop</h3>
          <StatusTimeline label="Status changes not yet placed in a hop" steps={unplaced} />
        </>
      ) : null}
      <TimelineLegend />
    </>
  );
}

function HopList({ rows }: { readonly rows: TimelineRows['rows'] }) {
  return (
    <div className="hops-table">
      <div className="hops-header" aria-hidden="true">
        <span>Intent</span>
        <span>Transport</span>
        <span>Mode</span>
        <span>Timing</span>
        <span>Outcome</span>
      </div>
      <ol role="list" className="hops" aria-label="Purchase timeline of the order">
        {rows.map((row) => (
          <TimelineHop key={row.id} row={row} />
        ))}
      </ol>
    </div>
  );
}
