import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_METRICS_TOKEN } from '@shop/platform';
import { describeMetrics, scrapeServices, type ActiveFault } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  newLearner,
  problemType,
  type PlaceOrderRequest,
} from '../support/checkout.client.js';
import { connectToStack, orderReaching } from '../support/flow.js';

const { stack, checkout, control, close } = connectToStack();
afterAll(async () => {
  for (const fault of (await control.faults()).active) await control.liftFault(fault.id);
  await close();
});

// checkout's default (apps/checkout/CONFIGURATION.md): the breaker opens after 5
// consecutive failures.
const BREAKER_FAILURES = 5;
// What `pnpm drill` prints at each reading: the figures from each service's /metrics.
const drillReading = async () =>
  describeMetrics(
    await scrapeServices(
      {
        checkout: stack.ports.CHECKOUT_PORT,
        enrollment: stack.ports.ENROLLMENT_PORT,
        notification: stack.ports.NOTIFICATION_PORT,
        analytics: stack.ports.ANALYTICS_PORT,
      },
      DEVELOPMENT_METRICS_TOKEN,
    ),
  );

// Long enough to trip the breaker on a loaded machine; the test then waits for it to lift by itself.
const FAULT_MS = 30_000;

describe('the payment-failing drill (docs/drills.md), through the fault API', () => {
  it('opens checkout’s breaker (503 + Retry-After), and purchases complete again once the fault lifts by itself', async () => {
    const fault = (await control.startFault({
      kind: 'payment-failing',
      errorRate: 1,
      durationMs: FAULT_MS,
    })) as ActiveFault;
    const order = (): PlaceOrderRequest => ({
      learnerId: newLearner(),
      courseIds: [COURSES.messaging101],
    });

    // Every Authorize answers UNAVAILABLE: checkout retries within its budget, then 503.
    for (let i = 0; i < BREAKER_FAILURES; i++) {
      expect((await checkout.placeOrder(order())).status).toBe(503);
    }
    const key = randomUUID();
    const body = order();
    const open = await checkout.placeOrder(body, key);
    expect(open.status).toBe(503);
    expect(problemType(open)).toMatch(/\/payment-unavailable$/);
    expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(open.json).toMatchObject({
      detail: expect.stringContaining('(circuit-open)') as unknown,
    });
    // Still the fault's doing: it has not lifted yet.
    expect((await control.faults()).active.map((f) => f.id)).toContain(fault.id);

    // The drill's reading shows it: the breaker open, calls refused, retries, the 5xx.
    const during = await drillReading();
    expect(during).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^checkout→payment: breaker open \(opened [1-9]\d*×\), .*rejected: circuit-open [1-9]/,
        ),
        expect.stringMatching(/^checkout→payment: retries [1-9]\d*, retry budget left \d+/),
        expect.stringMatching(/^POST \/v1\/orders: \d+ answered since start, [1-9]\d* 5xx/),
        expect.stringMatching(/^outbox: .*checkout \d+ unsent \(oldest [\d.]+ s\)/),
        expect.stringMatching(/^kafka consumer lag: .*notification \d+/),
        expect.stringMatching(/^dead-lettered\/parked: /),
      ]),
    );
    expect(during.join('\n')).not.toMatch(/unreadable/);

    await expect
      .poll(async () => (await control.faults()).active, {
        timeout: FAULT_MS + 30_000,
        interval: 500,
      })
      .toEqual([]);
    // The client retries with the same key, as Retry-After asks, until the breaker lets a trial call through.
    await expect
      .poll(async () => (await checkout.placeOrder(body, key)).status, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(201);
    const orderId = (await checkout.placeOrder(body, key)).json.id;
    await orderReaching(checkout, orderId, 'COMPLETED');
    expect(await drillReading()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^checkout→payment: breaker closed /)]),
    );
  }, 120_000);
});
