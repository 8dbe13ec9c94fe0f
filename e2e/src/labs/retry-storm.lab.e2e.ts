import { DRILLS } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answer, OrderView } from '../../support/checkout.client.js';
import { connectToStack } from '../../support/flow.js';
import { AUTHORIZE, Lab, metric, PAYMENT, statusCounts } from '../../support/labs.js';

const { stack, checkout, control, close } = connectToStack();
const lab = new Lab(stack, control, checkout);
afterAll(async () => {
  await lab.liftAll();
  await close();
});

const drill = DRILLS['retry-storm'];
// checkout's defaults (apps/checkout/CONFIGURATION.md): 2 retries per call at most, and a
// budget of 10 retries per 10 s window plus 10 % of the calls made in it.
const MAX_RETRIES = 2;
const BUDGET_FLOOR = 10;
const BUDGET_RATIO = 0.1;
const BUDGET_WINDOW_MS = 10_000;

describe('lab: a retry storm held by the retry budget (docs/labs/retry-storm.md)', () => {
  it('stops retrying when the budget is spent (retries refused by it), so payment sees the purchases plus the budget, not three times as many calls', async () => {
    // The budget at its floor to start from: the calls and retries of an earlier file have
    // left the 10 s window. (More than the floor would mean an earlier file's calls still
    // earn retries, enough at times for the storm never to spend the budget.)
    const left = async () =>
      metric(await lab.scrape(), 'checkout', 'shop_retry_budget_remaining', PAYMENT);
    await expect.poll(left, { timeout: 30_000, interval: 500 }).toBe(BUDGET_FLOOR);
    const before = await lab.scrape();
    const leftBefore = metric(before, 'checkout', 'shop_retry_budget_remaining', PAYMENT);
    // Half the authorizations fail (UNAVAILABLE, retryable) while the purchases arrive at once.
    const fault = await lab.startFault(drill.fault(120_000));
    const { purchases, course } = drill.load;
    // One storm spends the budget on a quiet machine. On a loaded one the purchases can
    // spread over more than the budget's 10 s window (which refills it), or queue behind
    // the bulkhead instead of failing: the storm is then repeated, at most 3 times in all, until
    // the budget has refused a retry.
    const started = Date.now();
    const answers: Answer<OrderView>[] = [];
    let during = await lab.reading(before);
    const delta = (service: string, name: string, labels: Record<string, string>) =>
      metric(during.scrapes, service, name, labels) - metric(before, service, name, labels);
    for (let storm = 1; storm <= 3; storm++) {
      answers.push(...(await lab.purchasesAtOnce(purchases, course)));
      during = await lab.reading(before);
      if (delta('checkout', 'shop_retry_budget_refusals_total', PAYMENT) > 0) break;
    }
    const windows = Math.ceil((Date.now() - started) / BUDGET_WINDOW_MS);

    // Every purchase answers: authorized, or 503 + Retry-After; never a 500.
    const counts = statusCounts(answers);
    expect(counts[201]).toBeGreaterThan(0);
    const others = answers.filter((a) => a.status !== 201 && a.status !== 503);
    expect(others.map((a) => `${a.status} ${JSON.stringify(a.json)}`)).toEqual([]);
    for (const a of answers.filter((a) => a.status === 503))
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);

    const retries = delta('checkout', 'shop_retry_attempts_total', PAYMENT);
    const calls = delta('checkout', 'shop_dependency_call_duration_count', PAYMENT);
    const authorizations = delta('payment', 'rpc_server_call_duration_count', AUTHORIZE);
    // The budget ran out: it refused retries the failures asked for. (What is left of it
    // when the reading is taken depends on the calls made after that: each earns 10 %.)
    expect(delta('checkout', 'shop_retry_budget_refusals_total', PAYMENT)).toBeGreaterThan(0);
    expect(during.lines).toContainEqual(
      expect.stringMatching(/^checkout→payment: retries refused by the budget [1-9]\d*$/),
    );
    // Bounded: what the budget had left, the floor of each further window the storms
    // reached into, plus 10 % of the calls they made — far below the up to 2 retries per
    // purchase that half the calls failing asks for.
    expect(retries).toBeLessThanOrEqual(
      leftBefore + BUDGET_FLOOR * (windows - 1) + Math.ceil(BUDGET_RATIO * calls),
    );
    expect(retries).toBeLessThan((MAX_RETRIES * answers.length) / 2);
    // payment saw each purchase once, and only the retries the budget allowed on top.
    expect(authorizations).toBe(answers.length + retries);
    expect(during.lines).toContainEqual(
      expect.stringMatching(/^payment: Authorize answered \d+ \([1-9]\d* not OK\)/),
    );
    await control.liftFault(fault.id);
  }, 300_000);
});
