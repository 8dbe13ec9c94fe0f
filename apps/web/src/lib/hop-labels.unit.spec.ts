import { describe, expect, it } from 'vitest';
import { formatMs, hopTitle, OUTCOMES } from './hop-labels';
import { completedPurchase, courseFullPurchase, hop } from './testing/purchases';

const titleOf = (id: string, hops = completedPurchase.hops) => {
  const found = hops.find((h) => h.id === id);
  if (!found) throw new Error(`no hop ${id}`);
  return hopTitle(found);
};

describe('hopTitle', () => {
  it('says who did what, in the words of each kind of hop', () => {
    expect(completedPurchase.hops.map((h) => hopTitle(h))).toEqual([
      'bff receives the GraphQL mutation placeOrder',
      'checkout answers bff’s GraphQL mutation placeOrder',
      'checkout calls payment (Authorize) and waits for the answer',
      'checkout stores enrollment.grant-seat in its outbox',
      'checkout’s outbox relay sends the command enrollment.grant-seat to RabbitMQ',
      'enrollment takes the command enrollment.grant-seat from its queue',
      'enrollment stores enrollment.seat-granted.v1 in its outbox',
      'enrollment’s outbox relay publishes the event enrollment.seat-granted.v1 to Kafka',
      'checkout consumes the event enrollment.seat-granted.v1',
      'checkout stores order.completed.v1 in its outbox',
      'checkout’s outbox relay publishes the event order.completed.v1 to Kafka',
      'analytics consumes the event order.completed.v1',
      'notification consumes the event order.completed.v1',
    ]);
    expect(titleOf('refund', courseFullPurchase.hops)).toBe(
      'checkout calls payment (Refund) and waits for the answer',
    );
  });

  it('names a REST request, and falls back to the step for a message hop it cannot read', () => {
    const rest = hop(
      'r',
      null,
      {
        step: 'POST /v1/orders',
        service: 'checkout',
        intent: 'COMMAND',
        transport: 'HTTP',
        mode: 'SYNC',
      },
      0,
      1,
    );
    expect(hopTitle(rest)).toBe('checkout receives the request POST /v1/orders');
    expect(hopTitle({ ...rest, caller: 'bff' })).toBe(
      'checkout answers bff’s request POST /v1/orders',
    );
    expect(
      hopTitle({ ...rest, step: 'mystery', transport: 'KAFKA', intent: 'EVENT', mode: 'ASYNC' }),
    ).toBe('checkout: mystery');
  });
});

describe('OUTCOMES', () => {
  it('gives every outcome a word and an icon, so colour is never the only cue', () => {
    const outcomes = Object.values(OUTCOMES);
    expect(new Set(outcomes.map((o) => o.label)).size).toBe(outcomes.length);
    for (const outcome of outcomes) {
      expect(outcome.icon).not.toBe('');
      expect(outcome.meaning).not.toBe('');
    }
  });
});

describe('formatMs', () => {
  it('keeps a tenth of a millisecond for short hops and switches to seconds for long ones', () => {
    expect([0, 0.44, 6.7, 45.55, 132.4, 999.4, 1055, 15206].map(formatMs)).toEqual([
      '0 ms',
      '0.4 ms',
      '6.7 ms',
      '45.6 ms',
      '132 ms',
      '999 ms',
      '1.1 s',
      '15.2 s',
    ]);
  });
});
