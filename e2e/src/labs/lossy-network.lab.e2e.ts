import { DRILLS } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { connectToStack, orderReaching } from '../../support/flow.js';
import { Lab, metric, PAYMENT, statusCounts } from '../../support/labs.js';

const { stack, checkout, control, databases, close } = connectToStack();
const lab = new Lab(stack, control, checkout);
afterAll(async () => {
  await lab.liftAll();
  await close();
});

const PURCHASES = 12;

describe('lab: a lossy network between checkout and payment (docs/labs/lossy-network.md)', () => {
  it('answers every purchase 201 or 503 + Retry-After while connections are reset, never a 500, and charges no order twice', async () => {
    const before = await lab.scrape();
    // The drill's fault, at half of payment's answers: a dozen purchases surely meet resets.
    // One by one, so that a reset drops one call, not every call sharing the connection.
    const fault = await lab.startFault({
      ...DRILLS['network-lossy'].fault(60_000),
      resetRate: 0.5,
    });
    const answers = await lab.purchasesOneByOne(PURCHASES, 'grpc-in-practice');
    const during = await lab.reading(before);
    await control.liftFault(fault.id);

    const counts = statusCounts(answers);
    expect((counts[201] ?? 0) + (counts[503] ?? 0)).toBe(PURCHASES);
    // Retried with the same key, some get through (the rest run out of retries or budget).
    expect(counts[201]).toBeGreaterThan(0);
    for (const a of answers.filter((a) => a.status === 503))
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    // The resets reached checkout as failed attempts, and it retried them.
    const delta = (name: string, labels: Record<string, string>) =>
      metric(during.scrapes, 'checkout', name, labels) - metric(before, 'checkout', name, labels);
    expect(delta('shop_retry_attempts_total', PAYMENT)).toBeGreaterThan(0);
    expect(during.lines).toContainEqual(
      expect.stringMatching(/^checkout→payment: retries [1-9]\d*, retry budget left \d+$/),
    );

    // An answer lost after payment charged was asked again with the same key: one payment per order.
    const twice = await databases.query<{ order_id: string }>(
      'payment',
      'SELECT order_id FROM payments GROUP BY order_id HAVING count(*) > 1',
    );
    expect(twice).toEqual([]);
    for (const a of answers.filter((a) => a.status === 201))
      await orderReaching(checkout, a.json.id, 'COMPLETED');
    // Healed: the next purchase goes through.
    expect((await lab.purchaseUntilAuthorized()).status).toBe(201);
  }, 120_000);
});
