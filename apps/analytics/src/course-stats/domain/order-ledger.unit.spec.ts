import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countedOrderOf, judgeOrderEvent } from './order-ledger.js';

const [courseA, courseB] = [
  'aaaaaaaa-0000-4000-8000-000000000000',
  'bbbbbbbb-0000-4000-8000-000000000000',
];
const order = {
  orderId: randomUUID(),
  learnerId: randomUUID(),
  lines: [
    { courseId: courseB, priceMinor: 5900, currency: 'EUR' },
    { courseId: courseA, priceMinor: 4900, currency: 'EUR' },
  ],
};
const completed = countedOrderOf('COMPLETED', order);

describe('judgeOrderEvent', () => {
  it('counts an order it has not counted', () => {
    expect(judgeOrderEvent(undefined, completed)).toEqual({ kind: 'count' });
  });

  it('counts nothing for an event that agrees, whatever the order of its lines', () => {
    const reordered = countedOrderOf('COMPLETED', { ...order, lines: [...order.lines].reverse() });
    expect(judgeOrderEvent(completed, reordered)).toEqual({ kind: 'already-counted' });
  });

  it('calls a cancellation of a completed order, or the reverse, a contradiction', () => {
    expect(judgeOrderEvent(completed, countedOrderOf('CANCELLED', order))).toEqual({
      kind: 'contradiction',
      reason: `order ${order.orderId} was counted as COMPLETED; it cannot also be CANCELLED (both are final)`,
    });
    const cancelled = countedOrderOf('CANCELLED', order);
    expect(judgeOrderEvent(cancelled, completed)).toMatchObject({ kind: 'contradiction' });
  });

  it('calls another learner a contradiction', () => {
    const other = countedOrderOf('COMPLETED', { ...order, learnerId: randomUUID() });
    expect(judgeOrderEvent(completed, other)).toMatchObject({
      kind: 'contradiction',
      reason: expect.stringMatching(
        /was counted for learner .*; this event says learner/,
      ) as unknown,
    });
  });

  it('calls other lines (another price, course or currency) a contradiction, naming both', () => {
    const [first, second] = order.lines;
    for (const lines of [
      [{ ...first!, priceMinor: 1 }, second!],
      [first!],
      [first!, { ...second!, currency: 'USD' }],
    ]) {
      expect(
        judgeOrderEvent(completed, countedOrderOf('COMPLETED', { ...order, lines })),
      ).toMatchObject({
        kind: 'contradiction',
        reason: expect.stringContaining(
          `was counted with lines [${courseA} 4900 EUR;${courseB} 5900 EUR]`,
        ) as unknown,
      });
    }
  });
});
