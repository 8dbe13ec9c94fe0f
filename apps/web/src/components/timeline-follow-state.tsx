import { FOLLOW_AFTER_END_MS, type FollowPhase } from '../lib/timeline-polling';

const FOLLOW_TEXT: Readonly<Record<FollowPhase, string>> = {
  following: 'Following the purchase live: hops appear as their spans arrive.',
  complete:
    'All hops are in: nothing is still running, and every message sent was taken by a consumer.',
  'gave-up': `Stopped following ${String(FOLLOW_AFTER_END_MS / 1000)} s after the order ended, with a message no consumer has taken yet (a topic nobody reads, or a late span).`,
  unavailable: 'The order has ended.',
};

/** Whether the timeline is still being followed, and why it stopped (a polite live region). */
export function FollowState(props: {
  readonly phase: FollowPhase;
  readonly ended: boolean;
  readonly retry: () => void;
}) {
  return (
    <div className="timeline-follow">
      <p role="status" className={`timeline-follow-state timeline-follow-state--${props.phase}`}>
        {props.phase === 'following' && props.ended
          ? 'The order has ended; still following the hops after it (the consumers of its events).'
          : FOLLOW_TEXT[props.phase]}
      </p>
      {props.phase === 'gave-up' ? (
        <button type="button" onClick={props.retry}>
          Ask again
        </button>
      ) : null}
    </div>
  );
}
