import { randomUUID } from 'node:crypto';
import { DRILLS } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  newLearner,
  problemType,
  type Answer,
  type PlaceOrderRequest,
} from '../../support/checkout.client.js';
import { E2E_BREAKER_FAILURES } from '../../support/e2e-app-env.js';
import { connectToStack, orderReaching } from '../../support/flow.js';
import { detailOf, Lab, metric, PAYMENT } from '../../support/labs.js';

const { stack, checkout, control, close } = connectToStack();
const lab = new Lab(stack, control, checkout);
afterAll(async () => {
  await lab.liftAll();
  await close();
});

// Long enough to open the breaker on a loaded machine (each purchase 1–3 refused attempts).
const FAULT_MS = 10_000;

describe('lab: payment down (docs/labs/payment-down.md)', () => {
  it('answers 503 + Retry-After without calling payment once the breaker is open, and the same key succeeds after the fault lifts by itself', async () => {
    const before = await lab.scrape();
    const fault = await lab.startFault(DRILLS['payment-down'].fault(FAULT_MS));
    const order = (): PlaceOrderRequest => ({
      learnerId: newLearner(),
      courseIds: [COURSES.messaging101],
    });

    // Connections refused: each purchase fails (503) until the breaker opens and answers for payment.
    const answers: Answer[] = [];
    while (!detailOf(answers.at(-1) ?? ({} as Answer)).includes('(circuit-open)')) {
      expect(answers.length, 'purchases before the breaker opened').toBeLessThan(
        E2E_BREAKER_FAILURES + 1,
      );
      answers.push(await checkout.placeOrder(order()));
    }
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));

    const key = randomUUID();
    const body = order();
    const open = await checkout.placeOrder(body, key);
    expect(open.status).toBe(503);
    expect(open.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problemType(open)).toMatch(/\/payment-unavailable$/);
    expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(detailOf(open)).toContain('(circuit-open)');
    // Still the fault's doing: it has not lifted yet.
    expect((await control.faults()).active.map((f) => f.id)).toContain(fault.id);

    // The drill's reading: payment unreadable (stopped), the breaker open, calls it refused, the 5xx.
    const during = await lab.reading(before);
    expect(during.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unreadable: payment \(/),
        expect.stringMatching(
          /^checkout→payment: breaker open \(opened [1-9]\d*×\), .*rejected: circuit-open [1-9]/,
        ),
        expect.stringMatching(
          /^POST \/v1\/orders: \d+ answered since the last reading, [1-9]\d* 5xx/,
        ),
        expect.stringMatching(/^outbox: .*checkout \d+ unsent \(oldest [\d.]+ s\)/),
        expect.stringMatching(/^kafka consumer lag: .*notification \d+/),
      ]),
    );
    const refused = (s: typeof before) =>
      metric(s, 'checkout', 'shop_dependency_call_duration_count', {
        ...PAYMENT,
        shop_call_outcome: 'circuit_open',
      });
    expect(refused(during.scrapes) - refused(before)).toBeGreaterThanOrEqual(2);

    await lab.untilLifted(fault);
    // The client asks again with the same key, as Retry-After says, until the breaker lets a trial call through.
    await expect
      .poll(async () => (await checkout.placeOrder(body, key)).status, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(201);
    const orderId = (await checkout.placeOrder(body, key)).json.id;
    await orderReaching(checkout, orderId, 'COMPLETED');
    const after = await lab.reading();
    expect(after.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^checkout→payment: breaker closed /),
        expect.stringMatching(/^payment: Authorize answered [1-9]/),
      ]),
    );
    expect(after.lines.join('\n')).not.toMatch(/unreadable/);
  }, 120_000);
});
