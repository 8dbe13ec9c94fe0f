import { describe, expect, it } from 'vitest';
import { statusSteps } from './status-steps';

describe('statusSteps', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

  it('orders the changes by time and marks the latest open status as waiting', () => {
    const steps = statusSteps([
      { from: 'PAID', to: 'ENROLLING', reason: 'seat requested', at: at(2) },
      { from: null, to: 'PENDING_PAYMENT', reason: 'placed', at: at(0) },
      { from: 'PENDING_PAYMENT', to: 'PAID', reason: 'authorized', at: at(1) },
    ]);
    expect(steps.map((s) => [s.title, s.tone])).toEqual([
      ['PENDING_PAYMENT', 'ok'],
      ['PENDING_PAYMENT → PAID', 'ok'],
      ['PAID → ENROLLING', 'waiting'],
    ]);
  });

  it('marks a completed order as done and a cancellation as failed', () => {
    const tone = (to: string) =>
      statusSteps([{ from: 'ENROLLING', to, reason: 'why', at: at(3) }]).map((s) => s.tone);
    expect(tone('COMPLETED')).toEqual(['ok']);
    expect(tone('CANCELLED')).toEqual(['failed']);
  });
});
