import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryReceiptsRepository } from '../testing/in-memory-receipts.repository.js';
import { SendReceiptHandler } from './send-receipt.handler.js';

function orderCompleted(orderId: string = randomUUID()) {
  return createEvent(
    'order.completed.v1',
    { ...messageExamples['order.completed.v1'], orderId },
    { subject: orderId, correlationId: 'corr-unit' },
  );
}

let receipts: InMemoryReceiptsRepository;
let sendReceipt: SendReceiptHandler;
beforeEach(() => {
  receipts = new InMemoryReceiptsRepository();
  sendReceipt = new SendReceiptHandler(receipts);
});

describe('SendReceiptHandler', () => {
  it("sends one receipt to the order's learner, naming the order and its total", async () => {
    const event = orderCompleted();
    await sendReceipt.execute(event);
    expect(receipts.receipts).toHaveLength(1);
    const [receipt] = receipts.receipts;
    expect(receipt).toMatchObject({ orderId: event.data.orderId, learnerId: event.data.learnerId });
    expect(receipt?.body).toContain(`Thank you for your order ${event.data.orderId}.`);
    expect(receipt?.body).toContain(
      `Total: ${(event.data.totalMinor / 100).toFixed(2)} ${event.data.currency}`,
    );
  });

  it('sends nothing more when the same event, or another event of the same order, arrives again', async () => {
    const event = orderCompleted();
    await sendReceipt.execute(event);
    await sendReceipt.execute(event);
    await expect(sendReceipt.execute(orderCompleted(event.data.orderId))).resolves.toBeUndefined();
    expect(receipts.receipts).toHaveLength(1);
  });

  it('refuses, without mailing, an event completing a receipted order for another learner', async () => {
    const event = orderCompleted();
    await sendReceipt.execute(event);
    const forged = createEvent(
      'order.completed.v1',
      { ...event.data, learnerId: randomUUID() },
      { subject: event.data.orderId, correlationId: 'corr-unit' },
    );
    await expect(sendReceipt.execute(forged)).resolves.toMatchObject({
      refused: true,
      code: 'CONTRADICTION',
      reason: expect.stringContaining(
        `order ${event.data.orderId} was receipted to learner`,
      ) as unknown,
    });
    expect(receipts.receipts).toHaveLength(1);
  });
});
