import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner, problemType } from '../support/checkout.client.js';
import { connectToStack, orderReaching } from '../support/flow.js';

const { checkout, effects, databases, close } = connectToStack();
afterAll(close);

describe('POST /v1/orders with an Idempotency-Key', () => {
  it('places one order for 50 concurrent requests with the same key, and answers each the same way', async () => {
    const key = `e2e-${randomUUID()}`;
    const body = {
      learnerId: newLearner(),
      courseIds: [COURSES.kafkaDeepDive],
      cardToken: 'tok_visa',
    };

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => checkout.placeOrder(body, key)),
    );

    const created = answers.filter((a) => a.status === 201);
    const inFlight = answers.filter((a) => a.status !== 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    // The idempotency lib's contract: a twin of a request still running gets 409, never a second order.
    for (const answer of inFlight) {
      expect(answer.status).toBe(409);
      expect(problemType(answer)).toMatch(/\/idempotency-request-in-progress$/);
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    expect(new Set(created.map((a) => a.text)).size).toBe(1);

    const orders = await databases.query<{ id: string }>(
      'checkout',
      'SELECT id FROM orders WHERE idempotency_key = $1',
      [key],
    );
    expect(orders).toHaveLength(1);
    const orderId = orders[0]!.id;
    expect(created[0]!.json.id).toBe(orderId);
    expect(await effects.payments(orderId)).toHaveLength(1);
    await orderReaching(checkout, orderId, 'COMPLETED');
    expect(await effects.enrollments(orderId)).toBe(1);

    const replay = await checkout.placeOrder(body, key);
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(created[0]!.text);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key with another body with 422, and changes nothing', async () => {
    const key = `e2e-${randomUUID()}`;
    const learnerId = newLearner();
    const first = await checkout.placeOrder({ learnerId, courseIds: [COURSES.kafkaDeepDive] }, key);
    expect(first.status).toBe(201);

    const reused = await checkout.placeOrder(
      { learnerId, courseIds: [COURSES.grpcInPractice] },
      key,
    );

    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problemType(reused)).toMatch(/\/idempotency-key-reused$/);
    expect(
      await databases.count('checkout', 'SELECT count(*) FROM orders WHERE learner_id = $1', [
        learnerId,
      ]),
    ).toBe(1);
  });
});
