import { DRILLS } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('lab: a retry storm held by the retry budget (docs/labs/retry-storm.md)', () => {
  it('stops retrying when the budget is spent (retries refused by it), so payment sees the purchases plus the budget, not three times as many calls', async () => {
    // The budget at its floor to start from: the calls and retries of an earlier file have
    // left the 10 s window. (More than the floor would mean an earlier file's calls still
    // earn retries, enough at times for the storm never to spend the budget.)
    const left = async () =>
      metric(await lab.scrape(), 'checkout', 'shop_retry_budget_remaining', PAYMENT);
    await expect.poll(left, { timeout: 30_000, interval: 500 }).toBe(BUDGET_FLOOR);
    const before = await lab.scrape();
    // Half the authorizations fail (UNAVAILABLE, retryable) while the purchases arrive at once.
    const fault = await lab.startFault(drill.fault(20_000));
    const { purchases, course } = drill.load;
    const answers = await lab.purchasesAtOnce(purchases, course);
    const during = await lab.reading(before);

    // Every purchase answers: authorized, or 503 + Retry-After; never a 500.
    const counts = statusCounts(answers);
    expect(counts[201]).toBeGreaterThan(0);
    expect((counts[201] ?? 0) + (counts[503] ?? 0)).toBe(purchases);
    for (const a of answers.filter((a) => a.status === 503))
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);

    const delta = (service: string, name: string, labels: Record<string, string>) =>
      metric(during.scrapes, service, name, labels) - metric(before, service, name, labels);
    const retries = delta('checkout', 'shop_retry_attempts_total', PAYMENT);
    const calls = delta('checkout', 'shop_dependency_call_duration_count', PAYMENT);
    const authorizations = delta('payment', 'rpc_server_call_duration_count', AUTHORIZE);
    // The budget ran out: it refused retries the failures asked for. (What is left of it
    // when the reading is taken depends on the calls made after that: each earns 10 %.)
    expect(delta('checkout', 'shop_retry_budget_refusals_total', PAYMENT)).toBeGreaterThan(0);
    expect(during.lines).toContainEqual(
      expect.stringMatching(/^checkout→payment: retries refused by the budget [1-9]\d*$/),
    );
    // Bounded: what the budget had left, plus 10 % of the calls the storm made — far below
    // the up to 2 retries per purchase that half the calls failing asks for.
    const leftBefore = metric(before, 'checkout', 'shop_retry_budget_remaining', PAYMENT);
    expect(retries).toBeLessThanOrEqual(leftBefore + Math.ceil(BUDGET_RATIO * calls));
    expect(retries).toBeLessThan((MAX_RETRIES * purchases) / 2);
    // payment saw each purchase once, and only the retries the budget allowed on top.
    expect(authorizations).toBe(purchases + retries);
    expect(during.lines).toContainEqual(
      expect.stringMatching(/^payment: Authorize answered \d+ \([1-9]\d* not OK\)/),
    );
    await control.liftFault(fault.id);
  }, 120_000);
});
