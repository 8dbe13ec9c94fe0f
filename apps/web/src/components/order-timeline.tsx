import { useId, useRef } from 'react';
import { useAppState } from '../app-state';
import { OrderTimelineQuery } from '../graphql/operations';
import {
  nextFollow,
  START_FOLLOWING,
  type FollowMemory,
  type FollowPhase,
} from '../lib/timeline-polling';
import { useQuery } from '../lib/use-query';
import { Loading, RequestFailed } from './request-states';
import { TimelineView } from './timeline-view';

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
  return <TimelineView order={order} phase={phase} retry={result.retry} />;
}
