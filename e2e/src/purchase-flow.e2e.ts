import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../support/flow.js';

const { checkout, effects, close } = connectToStack();
afterAll(close);

describe('a purchase through REST', () => {
  it('ends COMPLETED with one payment, one enrollment per course, one receipt and analytics updated', async () => {
    const courses = [COURSES.messaging101, COURSES.grpcInPractice];
    const statsBefore = await Promise.all(courses.map((c) => effects.courseStats(c)));

    const placed = await checkout.placeOrder({
      learnerId: newLearner(),
      courseIds: courses,
      cardToken: 'tok_visa',
    });
    expect(placed.status).toBe(201);
    const order = placed.json;
    expect(placed.headers.get('location')).toBe(`/v1/orders/${order.id}`);
    expect(order.status).toBe('ENROLLING');

    const completed = await orderReaching(checkout, order.id, 'COMPLETED');
    expect(completed.history.map((c) => c.to)).toEqual([
      'PENDING_PAYMENT',
      'PAID',
      'ENROLLING',
      'COMPLETED',
    ]);
    expect(await effects.payments(order.id)).toEqual([
      expect.objectContaining({
        id: completed.paymentId,
        status: 'AUTHORIZED',
        amount_minor: order.total.amountMinor,
      }),
    ]);
    expect(await effects.enrollments(order.id)).toBe(2);
    await expect.poll(() => effects.receipts(order.id), ASYNC_TIMEOUT).toBe(1);
    for (const [i, line] of order.lines.entries()) {
      await expect
        .poll(() => effects.courseStats(line.courseId), ASYNC_TIMEOUT)
        .toMatchObject({
          conversions: statsBefore[i]!.conversions + 1,
          revenueMinor: statsBefore[i]!.revenueMinor + line.price.amountMinor,
        });
    }
  });

  it('answers a declined card with 402 problem+json and leaves only the declined payment record', async () => {
    const answer = await checkout.placeOrder({
      learnerId: newLearner(),
      courseIds: [COURSES.kafkaDeepDive],
      cardToken: 'tok_declined',
    });

    expect(answer.status).toBe(402);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = answer.json as unknown as {
      type: string;
      status: number;
      orderId: string;
      declineReason: string;
    };
    expect(problem).toMatchObject({ status: 402, declineReason: 'PROCESSOR_DECLINED' });
    expect(problem.type).toMatch(/\/payment-declined$/);

    const { orderId } = problem;
    expect((await checkout.getOrder(orderId)).json.status).toBe('CANCELLED');
    const payments = await effects.payments(orderId);
    expect(payments.map((p) => p.status)).toEqual(['DECLINED']);
    expect(payments[0]?.decline_reason).toMatch(/DECLINED/);
    // Messages leave only through the outbox, written with the state change: none means no event, ever.
    expect(await effects.outbox('checkout', orderId)).toEqual([]);
    expect(await effects.enrollments(orderId)).toBe(0);
    expect(await effects.receipts(orderId)).toBe(0);
  });

  it('refunds the payment and cancels the order with the reason when the course is full', async () => {
    // Taken before the filling orders: analytics counts their conversions a
    // moment after checkout says COMPLETED (on real Kafka often later than this read).
    const statsBefore = await effects.courseStats(COURSES.outboxMasterclass);
    const filled = await fillCourse(COURSES.outboxMasterclass);

    const placed = await checkout.placeOrder({
      learnerId: newLearner(),
      courseIds: [COURSES.outboxMasterclass],
    });
    expect(placed.status).toBe(201);
    const cancelled = await orderReaching(checkout, placed.json.id, 'CANCELLED');

    expect(cancelled.history.map((c) => c.to)).toEqual([
      'PENDING_PAYMENT',
      'PAID',
      'ENROLLING',
      'CANCELLED',
    ]);
    expect(cancelled.history.at(-1)?.reason).toMatch(
      /seats rejected: COURSE_FULL.*payment refunded \(refund /,
    );
    expect(cancelled.refundId).toEqual(expect.any(String));
    expect(await effects.refunds(cancelled.id)).toEqual([
      { status: 'SUCCEEDED', amount_minor: placed.json.total.amountMinor },
    ]);
    expect(await effects.enrollments(cancelled.id)).toBe(0);
    // A receipt follows only order.completed, which checkout never wrote for this order.
    expect((await effects.outbox('checkout', cancelled.id)).map((m) => m.topic)).toEqual([
      'enrollment.grant-seat',
      'order.cancelled.v1',
      'order.cancelled.v2',
    ]);
    await expect
      .poll(() => effects.courseStats(COURSES.outboxMasterclass), ASYNC_TIMEOUT)
      .toMatchObject({
        cancellations: statsBefore.cancellations + 1,
        conversions: statsBefore.conversions + filled,
      });
    expect(await effects.receipts(cancelled.id)).toBe(0);
  });
});

/** Buys the last seats of a course, whatever earlier files did with it; resolves with the orders it took. */
async function fillCourse(courseId: string): Promise<number> {
  for (let placedOrders = 0; ; placedOrders++) {
    const { taken, capacity } = await effects.seatsTaken(courseId);
    if (taken >= capacity) return placedOrders;
    const placed = await checkout.placeOrder({ learnerId: newLearner(), courseIds: [courseId] });
    expect(placed.status).toBe(201);
    await orderReaching(checkout, placed.json.id, 'COMPLETED');
  }
}
