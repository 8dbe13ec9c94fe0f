import { describe, expect, it } from 'vitest';
import type { PlacedStatusChange, TimelineHop } from './purchase-timeline';
import { hop } from './testing/purchases';
import {
  FOLLOW_AFTER_END_MS,
  nextFollow,
  START_FOLLOWING,
  timelineComplete,
  type FollowMemory,
  type FollowPhase,
  type TimelineAnswer,
} from './timeline-polling';
import { completedPurchase, courseFullPurchase, declinedPurchase } from './testing/purchases';

interface Timeline {
  readonly hops: readonly TimelineHop[];
  readonly history: readonly PlacedStatusChange[];
}

/** The phases a page goes through for answers seen one second apart, starting at t=0. */
function follow(answers: readonly TimelineAnswer[]): FollowPhase[] {
  let memory: FollowMemory = START_FOLLOWING;
  return answers.map((answer, second) => {
    const next = nextFollow(answer, memory, second * 1000);
    memory = next.memory;
    return next.phase;
  });
}

const answer = (status: string, timeline: Timeline | null): TimelineAnswer => ({
  status,
  timeline,
});
const without = (timeline: Timeline, ...ids: string[]): Timeline => ({
  hops: timeline.hops.filter((h) => !ids.includes(h.id)),
  history: timeline.history,
});

describe('nextFollow', () => {
  it('follows while the order is under way, whatever the timeline shows', () => {
    expect(
      follow([
        answer('PENDING_PAYMENT', null),
        answer('ENROLLING', without(completedPurchase, 'notify', 'analytics')),
        answer('ENROLLING', completedPurchase),
        answer('ENROLLING', completedPurchase),
      ]),
    ).toEqual(['following', 'following', 'following', 'following']);
  });

  it('keeps following a COMPLETED order until notification and analytics have taken order.completed, then stops', () => {
    const early = without(completedPurchase, 'notify', 'analytics');
    expect(
      follow([
        answer('COMPLETED', early),
        answer('COMPLETED', without(completedPurchase, 'notify')),
        answer('COMPLETED', completedPurchase),
        answer('COMPLETED', completedPurchase),
      ]),
    ).toEqual(['following', 'following', 'following', 'complete']);
  });

  it('waits for a second answer with the same hops: a call’s server side may still be on its way', () => {
    const clientSideOnly: Timeline = {
      ...declinedPurchase,
      hops: declinedPurchase.hops.map((h) =>
        h.id === 'auth' ? { ...h, service: 'shop.payment.v1.PaymentService' } : h,
      ),
    };
    expect(
      follow([
        answer('CANCELLED', clientSideOnly),
        answer('CANCELLED', declinedPurchase),
        answer('CANCELLED', declinedPurchase),
      ]),
    ).toEqual(['following', 'following', 'complete']);
  });

  it('gives up a bounded while after the order ended when a message is never consumed (order.cancelled.v1)', () => {
    const seconds = FOLLOW_AFTER_END_MS / 1000;
    const phases = follow(
      Array.from({ length: seconds + 5 }, (_, s) =>
        answer(s < 3 ? 'ENROLLING' : 'CANCELLED', courseFullPurchase),
      ),
    );
    // Ended at second 3: followed until second 3 + the bound, then stopped.
    expect(phases.slice(0, 3 + seconds)).toEqual(Array(3 + seconds).fill('following'));
    expect(phases[3 + seconds]).toBe('gave-up');
  });

  it('stops at once when the order ended and there is no timeline to wait for', () => {
    expect(follow([answer('ENROLLING', null), answer('COMPLETED', null)])).toEqual([
      'following',
      'unavailable',
    ]);
  });
});

describe('timelineComplete', () => {
  it('is complete for a purchase whose every message was consumed, and for a declined card', () => {
    expect(timelineComplete(completedPurchase)).toBe(true);
    expect(timelineComplete(declinedPurchase)).toBe(true);
  });

  it('is not complete without hops, with a hop still running, or with a status change no hop holds', () => {
    expect(timelineComplete({ hops: [], history: [] })).toBe(false);
    const running = completedPurchase.hops.map((h) =>
      h.id === 'notify' ? { ...h, outcome: 'IN_PROGRESS' as const, durationMs: null } : h,
    );
    expect(timelineComplete({ ...completedPurchase, hops: running })).toBe(false);
    const unplaced = completedPurchase.history.map((c) =>
      c.to === 'COMPLETED' ? { ...c, duringHop: null } : c,
    );
    expect(timelineComplete({ ...completedPurchase, history: unplaced })).toBe(false);
  });

  it('is not complete while an outbox write was only retried, and is once a later attempt went through and was consumed', () => {
    const retried = hop('retried', 'ow1', completedPurchase.hops[4]!, 148, 3.5, {
      outcome: 'RETRIED',
      attempt: 1,
    });
    const before = completedPurchase.hops.slice(0, 4);
    expect(timelineComplete({ hops: [...before, retried], history: [] })).toBe(false);
    const rest = completedPurchase.hops.slice(4);
    expect(timelineComplete({ hops: [...before, retried, ...rest], history: [] })).toBe(true);
  });

  it('is not complete while a published message has no consumer yet', () => {
    expect(timelineComplete(without(completedPurchase, 'notify', 'analytics'))).toBe(false);
    expect(timelineComplete(courseFullPurchase)).toBe(false);
  });
});
