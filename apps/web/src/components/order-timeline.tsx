import { useId, useRef } from 'react';
import { useAppState } from '../app-state';
import { OrderTimelineQuery } from '../graphql/operations';
import { timelineRows, type TimelineRows } from '../lib/purchase-timeline';
import { statusSteps, TERMINAL_STATUSES } from '../lib/status-steps';
import {
  nextFollow,
  START_FOLLOWING,
  type FollowMemory,
  type FollowPhase,
} from '../lib/timeline-polling';
import { useQuery } from '../lib/use-query';
import { Loading, RequestFailed } from './request-states';
import { StatusTimeline } from './status-timeline';
import { FollowState } from './timeline-follow-state';
import { TimelineHop } from './timeline-hop';
import { TimelineLegend } from './timeline-legend';

/**
 * The purchase timeline of one order, live: every hop from the order's traces
 * (`Order.timeline`), or its status history when there is no timeline.
 */
export function OrderTimeline({ orderId }: { orderId: string }) {
  const { session } = useAppState();
  const headingId = useId();
  return (
    <section className="purchase-timeline" aria-labelledby={headingId}>
      <h2 id={headingId}>How the purchase travelled</h2>
      {session ? (
        // A new order starts following afresh.
        <FollowedTimeline key={orderId} orderId={orderId} token={session.token} />
      ) : (
        <p>Sign in as a demo learner to see the timeline of this order.</p>
      )}
    </section>
  );
}

function FollowedTimeline(props: { readonly orderId: string; readonly token: string }) {
  const memory = useRef<FollowMemory>(START_FOLLOWING);
  // The phase each answer left the page in, read when that answer is drawn.
  const phases = useRef(new WeakMap<object, FollowPhase>());
  const result = useQuery(
    OrderTimelineQuery,
    { id: props.orderId },
    {
      token: props.token,
      // Polls every second while the order is under way, and for a bounded
      // while after it ends (lib/timeline-polling.ts says why); useQuery stops
      // the timer on unmount.
      pollWhile: (data) => {
        if (!data.order) return false;
        const next = nextFollow(data.order, memory.current, Date.now());
        memory.current = next.memory;
        phases.current.set(data, next.phase);
        return next.phase === 'following';
      },
    },
  );
  if (result.status === 'loading') return <Loading what="the purchase timeline" />;
  if (result.status === 'error') return <RequestFailed error={result.error} retry={result.retry} />;
  const { order } = result.data;
  if (!order) return <p>This order was not found.</p>;
  const phase = phases.current.get(result.data) ?? 'following';
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
        retry={result.retry}
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
