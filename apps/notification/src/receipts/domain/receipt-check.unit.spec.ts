import { randomUUID } from 'node:crypto';
import type { OrderCompletedV1 } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { describe, expect, it } from 'vitest';
import type { Receipt } from './receipt.js';
import { receiptBody } from './receipt-body.js';
import { checkAgainstReceipt } from './receipt-check.js';

const order: OrderCompletedV1 = { ...messageExamples['order.completed.v1'], orderId: randomUUID() };
const sentFor = (o: OrderCompletedV1): Receipt => ({
  id: randomUUID(),
  orderId: o.orderId,
  learnerId: o.learnerId,
  body: receiptBody(o),
  sentAt: new Date(),
});

describe('checkAgainstReceipt', () => {
  it('sends the first receipt of an order', () => {
    expect(checkAgainstReceipt(undefined, order)).toEqual({ kind: 'send' });
  });

  it('does nothing for an event that agrees with the receipt sent', () => {
    expect(checkAgainstReceipt(sentFor(order), { ...order })).toEqual({ kind: 'already-sent' });
  });

  it('calls an event for another learner a contradiction, naming both', () => {
    const other = randomUUID();
    expect(checkAgainstReceipt(sentFor(order), { ...order, learnerId: other })).toEqual({
      kind: 'contradiction',
      reason: `order ${order.orderId} was receipted to learner ${order.learnerId}; this event completes it for learner ${other}`,
    });
  });

  it('calls an event with another total or other lines a contradiction', () => {
    const [line] = order.lines;
    const dearer = { ...order, lines: [{ ...line!, priceMinor: 9900 }], totalMinor: 9900 };
    const otherCourse = { ...order, lines: [{ ...line!, courseId: randomUUID() }] };
    for (const contradicting of [dearer, otherCourse]) {
      expect(checkAgainstReceipt(sentFor(order), contradicting)).toMatchObject({
        kind: 'contradiction',
        reason: expect.stringMatching(/other lines or another total/) as unknown,
      });
    }
  });
});
