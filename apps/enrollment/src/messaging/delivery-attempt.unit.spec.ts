import type { ConsumeMessage } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { deliveryAttemptOf } from './delivery-attempt.js';

const withDeaths = (deaths: unknown): ConsumeMessage =>
  ({
    properties: { headers: deaths === undefined ? {} : { 'x-death': deaths } },
  }) as ConsumeMessage;

describe('deliveryAttemptOf', () => {
  it('is the first attempt without x-death', () => {
    expect(deliveryAttemptOf(withDeaths(undefined))).toBe(1);
  });

  it('follows the newest delay queue the command expired from', () => {
    const deaths = [
      { queue: 'enrollment.grant-seat.retry.2', reason: 'expired', count: 1 },
      { queue: 'enrollment.grant-seat.retry.1', reason: 'expired', count: 1 },
    ];
    expect(deliveryAttemptOf(withDeaths(deaths))).toBe(3);
  });

  it('ignores deaths in queues that are not its delay queues, and rejections', () => {
    const deaths = [
      { queue: 'other.retry.7', reason: 'expired', count: 1 },
      { queue: 'enrollment.grant-seat.retry.5', reason: 'rejected', count: 1 },
    ];
    expect(deliveryAttemptOf(withDeaths(deaths))).toBe(1);
  });
});
