import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  newLearner,
  problemType,
  type PlaceOrderRequest,
} from '../support/checkout.client.js';
import { connectToStack, orderReaching } from '../support/flow.js';

const { checkout, control, close } = connectToStack();
afterAll(async () => {
  await control.component('payment').start();
  await close();
});

// checkout's default (apps/checkout/CONFIGURATION.md): the breaker opens after 5
// consecutive failures.
const BREAKER_FAILURES = 5;

describe('with payment down', () => {
  it('opens the breaker, answers 503 with Retry-After without calling payment, and recovers when payment returns', async () => {
    await control.component('payment').stop();
    const order = (): PlaceOrderRequest => ({
      learnerId: newLearner(),
      courseIds: [COURSES.messaging101],
    });

    // Trip the breaker: each of these fails (slowly or not) with 503.
    for (let i = 0; i < BREAKER_FAILURES; i++) {
      expect((await checkout.placeOrder(order())).status).toBe(503);
    }

    const key = randomUUID();
    const body = order();
    const open = await checkout.placeOrder(body, key);
    expect(open.status).toBe(503);
    expect(open.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problemType(open)).toMatch(/\/payment-unavailable$/);
    expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Open means no call at all: the breaker answered, not a failed call to payment.
    expect(open.json).toMatchObject({
      detail: expect.stringContaining('(circuit-open)') as unknown,
    });

    await control.component('payment').start();
    // The client retries with the same key, as Retry-After asks, until the breaker lets a trial call through.
    await expect
      .poll(async () => (await checkout.placeOrder(body, key)).status, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe(201);
    const orderId = (await checkout.placeOrder(body, key)).json.id;
    await orderReaching(checkout, orderId, 'COMPLETED');
  }, 60_000);
});
