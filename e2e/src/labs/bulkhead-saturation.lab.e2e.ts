import { DRILLS } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { connectToStack } from '../../support/flow.js';
import { detailOf, Lab, metric, PAYMENT, statusCounts } from '../../support/labs.js';

const { stack, checkout, control, close } = connectToStack();
const lab = new Lab(stack, control, checkout);
afterAll(async () => {
  await lab.liftAll();
  await close();
});

const drill = DRILLS['bulkhead-saturation'];
// checkout's defaults (apps/checkout/CONFIGURATION.md): 20 payment calls in flight, 20 waiting.
const BULKHEAD_SLOTS = 20 + 20;

describe('lab: bulkhead saturation (docs/labs/bulkhead-saturation.md)', () => {
  it('refuses the calls beyond its slots and queue at once with 503 bulkhead-full + Retry-After, and counts each refusal', async () => {
    const before = await lab.scrape();
    // payment answers 2–4 s late, so every slot is held until its deadline.
    const fault = await lab.startFault(drill.fault(20_000));
    const { purchases, course } = drill.load;
    expect(purchases).toBeGreaterThan(BULKHEAD_SLOTS);
    const answers = await lab.purchasesAtOnce(purchases, course);
    const during = await lab.reading(before);

    // Each one answered 503, none 500: by its deadline, the breaker, or the bulkhead.
    expect(statusCounts(answers)).toEqual({ 503: purchases });
    // Refused at once, without a call: how many depends on how fast the 60 arrive, at least one.
    const refused = answers.filter((a) => detailOf(a).includes('(bulkhead-full)'));
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);

    const rejections =
      metric(during.scrapes, 'checkout', 'shop_bulkhead_rejections_total', PAYMENT) -
      metric(before, 'checkout', 'shop_bulkhead_rejections_total', PAYMENT);
    // Every purchase refused at the bulkhead is one rejection (a timed-out one's lookup may add more).
    expect(rejections).toBeGreaterThanOrEqual(refused.length);
    expect(during.lines).toContainEqual(
      expect.stringMatching(
        /^checkout→payment: bulkhead \d+ in flight, \d+ waiting, [1-9]\d* refused$/,
      ),
    );
    expect(during.lines).toContainEqual(
      expect.stringMatching(
        /^checkout→payment: breaker \S+ .*rejected: circuit-open \d+ bulkhead [1-9]/,
      ),
    );

    // Lifted early: once payment answers in time, purchases complete again.
    await control.liftFault(fault.id);
    expect((await lab.purchaseUntilAuthorized()).status).toBe(201);
  }, 120_000);
});
