import { DRILL_COURSES, DRILLS } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { newLearner, type OrderView } from '../../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack } from '../../support/flow.js';
import { AUTHORIZE, Lab, metric } from '../../support/labs.js';

const { stack, checkout, control, effects, close } = connectToStack();
const lab = new Lab(stack, control, checkout);
afterAll(close);

const REFUND = { rpc_method: 'Refund', rpc_grpc_status_code: '0' } as const;

describe('lab: course full — compensation (docs/labs/course-full.md)', () => {
  it('refunds the second purchase of the one-seat course and cancels it with its reason, and payment counts the refund', async () => {
    const { purchases, course } = DRILLS['course-full'].load;
    const before = await lab.scrape();

    // As the drill does: one purchase after the other, each followed until it stops moving.
    const orders: OrderView[] = [];
    for (let i = 0; i < purchases; i++) {
      const placed = await checkout.placeOrder({
        learnerId: newLearner(),
        courseIds: [DRILL_COURSES[course]],
      });
      expect(placed.status).toBe(201);
      let order = placed.json;
      await expect
        .poll(async () => {
          order = (await checkout.getOrder(placed.json.id)).json;
          return order.status;
        }, ASYNC_TIMEOUT)
        .toMatch(/^(COMPLETED|CANCELLED)$/);
      orders.push(order);
    }

    // The seat went to the first (unless an earlier file took it): the second found none.
    const second = orders.at(-1);
    expect(second?.status).toBe('CANCELLED');
    expect(second?.history.at(-1)?.reason).toMatch(/seats rejected: COURSE_FULL.*payment refunded/);
    expect(second?.refundId).toEqual(expect.any(String));
    const cancelled = orders.filter((o) => o.status === 'CANCELLED');
    for (const o of cancelled) {
      expect(await effects.refunds(o.id)).toEqual([
        { status: 'SUCCEEDED', amount_minor: o.total.amountMinor },
      ]);
      expect((await effects.outbox('checkout', o.id)).map((m) => m.topic)).toContain(
        'order.cancelled.v2',
      );
    }

    // payment charged each purchase once, in its own database.
    for (const o of orders) expect(await effects.payments(o.id)).toHaveLength(1);
    // The reading: payment authorized and refunded each cancelled one. (Its count of OK
    // Authorize answers can be below the purchases: on a loaded machine a call can outlive
    // checkout's deadline, and checkout then settles that purchase by looking the payment
    // up, not by a second Authorize — docs/failure-behaviour.md.)
    const after = await lab.reading(before);
    const delta = (labels: Record<string, string>) =>
      metric(after.scrapes, 'payment', 'rpc_server_call_duration_count', labels) -
      metric(before, 'payment', 'rpc_server_call_duration_count', labels);
    expect(delta(REFUND)).toBeGreaterThanOrEqual(cancelled.length);
    expect(delta({ ...AUTHORIZE, rpc_grpc_status_code: '0' })).toBeGreaterThanOrEqual(1);
    expect(after.lines).toContainEqual(
      expect.stringMatching(
        /^payment: Authorize answered \d+ \(\d+ not OK\), Refund answered [1-9]/,
      ),
    );
  }, 120_000);
});
