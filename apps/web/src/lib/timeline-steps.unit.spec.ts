import { describe, expect, it } from 'vitest';
import { stepsFromHistory } from './timeline-steps';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('stepsFromHistory', () => {
  it('orders the changes by time and marks the latest open status as waiting', () => {
    const steps = stepsFromHistory([
      { from: 'PAID', to: 'ENROLLING', reason: 'seat requested', at: at(2) },
      { from: null, to: 'PENDING_PAYMENT', reason: 'placed', at: at(0) },
      { from: 'PENDING_PAYMENT', to: 'PAID', reason: 'authorized', at: at(1) },
    ]);
    expect(steps.map((s) => [s.title, s.outcome])).toEqual([
      ['PENDING_PAYMENT', 'ok'],
      ['PENDING_PAYMENT → PAID', 'ok'],
      ['PAID → ENROLLING', 'waiting'],
    ]);
  });

  it('marks a completed order as done and a cancellation as failed', () => {
    expect(
      stepsFromHistory([
        { from: 'ENROLLING', to: 'COMPLETED', reason: 'seat granted', at: at(3) },
      ]).map((s) => s.outcome),
    ).toEqual(['ok']);
    expect(
      stepsFromHistory([
        { from: 'ENROLLING', to: 'CANCELLED', reason: 'course full, refunded', at: at(3) },
      ]).map((s) => s.outcome),
    ).toEqual(['failed']);
  });
});
