import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { completedPurchase, courseFullPurchase, declinedPurchase } from '../lib/testing/purchases';
import type { FollowPhase } from '../lib/timeline-polling';
import { TimelineView, type TimelineOrder } from './timeline-view';

// What the page draws for one answer, as HTML (the browser suite drives the
// live page; this covers the answers a running stack rarely gives).

const render = (order: TimelineOrder, phase: FollowPhase = 'complete') =>
  renderToStaticMarkup(createElement(TimelineView, { order, phase, retry: () => undefined }));
const ordered = (purchase: typeof completedPurchase, status: string): TimelineOrder => ({
  status,
  history: purchase.history,
  timeline: purchase,
});
const hopItems = (html: string) => html.match(/<li class="hop /g) ?? [];

describe('TimelineView', () => {
  it('draws every hop in a list named for screen readers, each fact under its label', () => {
    const html = render(ordered(completedPurchase, 'COMPLETED'));
    expect(html).toContain('role="list" class="hops" aria-label="Purchase timeline of the order"');
    expect(hopItems(html)).toHaveLength(completedPurchase.hops.length);
    for (const label of ['Intent', 'Transport', 'Mode', 'Timing', 'Outcome'])
      expect(html.split(`<dt>${label}</dt>`)).toHaveLength(completedPurchase.hops.length + 1);
    // The time bar is decoration: the timing column says the same in words.
    expect(html).toContain('<div class="hop-bar" aria-hidden="true">');
    expect(html).toContain('The order ended <strong>COMPLETED</strong> in hop 9: seats granted');
  });

  it('says why there is no timeline and shows the status history instead', () => {
    const html = render({
      status: 'COMPLETED',
      history: completedPurchase.history,
      timeline: null,
    });
    expect(html).toContain('No purchase timeline for this order:');
    expect(html).toContain('aria-label="Status history of the order"');
    expect(html).toContain('ENROLLING → COMPLETED');
    expect(hopItems(html)).toHaveLength(0);
  });

  it('reads a declined card as the authorize call declined, in words and an icon, not colour alone', () => {
    const html = render(ordered(declinedPurchase, 'CANCELLED'));
    expect(html).toMatch(
      /<li class="hop hop--failed" data-hop-step="payment.Authorize">[\s\S]*?<span aria-hidden="true">✕ <\/span>declined<\/span><span class="hop-detail">9 FAILED_PRECONDITION/,
    );
    expect(html).toContain('The order ended <strong>CANCELLED</strong> in hop 2');
  });

  it('marks the compensation of a course-full order and says when it stopped following', () => {
    const html = render(ordered(courseFullPurchase, 'CANCELLED'), 'gave-up');
    expect(html).toContain('compensation starts here');
    expect(html).toContain('compensation: undoes an earlier step');
    expect(html).toMatch(/Stopped following 20 s after the order ended[\s\S]*>Ask again</);
  });

  it('lists status changes no hop holds yet apart, while the spans are on their way', () => {
    const html = render(
      {
        status: 'ENROLLING',
        history: [],
        timeline: { hops: [], history: completedPurchase.history.slice(0, 1) },
      },
      'following',
    );
    expect(html).toContain('No hops yet');
    expect(html).toContain('aria-label="Status changes not yet placed in a hop"');
    expect(html).toContain('Following the purchase live');
  });
});
