import { randomUUID } from 'node:crypto';
import { DRILLS } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../../support/checkout.client.js';
import { connectToStack, orderReaching } from '../../support/flow.js';
import { detailOf, Lab, metric, PAYMENT, statusCounts } from '../../support/labs.js';

const { stack, checkout, control, close } = connectToStack();
const lab = new Lab(stack, control, checkout);
afterAll(async () => {
  await lab.liftAll();
  await close();
});

const FAULT_MS = 6_000;
// Fewer than the bulkhead holds, so none is refused: the deadline alone answers.
const PURCHASES = 6;
const outcome = (o: string) => ({ ...PAYMENT, shop_call_outcome: o });

describe('lab: payment slow (docs/labs/payment-slow.md)', () => {
  it('gives up on each call at its deadline (503 + Retry-After, never a 500), and the same key completes the purchase after the fault lifts', async () => {
    const before = await lab.scrape();
    // payment answers 2–4 s late; checkout's attempt deadline is 1 s, its call budget 3 s.
    const fault = await lab.startFault(DRILLS['payment-slow'].fault(FAULT_MS));

    const slow = await lab.purchasesAtOnce(PURCHASES, 'grpc-in-practice');
    expect(statusCounts(slow)).toEqual({ 503: PURCHASES });
    for (const answer of slow) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      // Given up at the deadline, then asked by its key: payment may still be deciding.
      expect(detailOf(answer)).toMatch(/\((outcome-unknown|not-charged|circuit-open)\)/);
    }
    const during = await lab.reading(before);
    // A deadline ends as a timeout of ours or DEADLINE_EXCEEDED from grpc-js: both count against the breaker.
    const gaveUp = (s: typeof before) =>
      metric(s, 'checkout', 'shop_dependency_call_duration_count', outcome('timeout')) +
      metric(s, 'checkout', 'shop_dependency_call_duration_count', outcome('failure'));
    expect(gaveUp(during.scrapes) - gaveUp(before)).toBeGreaterThanOrEqual(PURCHASES);
    expect(during.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^checkout→payment: breaker \S+ \(opened \d+×\), calls ok \d+ failure \d+ timeout \d+/,
        ),
        expect.stringMatching(
          new RegExp(
            `^POST /v1/orders: ${PURCHASES} answered since the last reading, ${PURCHASES} 5xx`,
          ),
        ),
      ]),
    );

    const key = randomUUID();
    const body = { learnerId: newLearner(), courseIds: [COURSES.messaging101] };
    await lab.untilLifted(fault);
    // As a client told Retry-After would: the same key, until the answer is in.
    await expect
      .poll(async () => (await checkout.placeOrder(body, key)).status, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(201);
    await orderReaching(checkout, (await checkout.placeOrder(body, key)).json.id, 'COMPLETED');
    expect((await lab.reading()).lines).toContainEqual(
      expect.stringMatching(/^checkout→payment: breaker closed /),
    );
  }, 120_000);
});
