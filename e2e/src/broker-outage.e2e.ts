import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { connectToStack, orderReaching } from '../support/flow.js';

// After a broker restart a consumer may first have to rejoin its group: kafkajs
// restarts a consumer whose member the restarted broker forgot after ~10 s, so
// checkout's completion and the effects downstream of it get a longer bound.
const AFTER_RESTART = { timeout: 90_000, interval: 200 } as const;

const { checkout, effects, control, close } = connectToStack();
afterAll(async () => {
  // Whatever happened above, leave the brokers up for the next file.
  await control.component('amqp').start();
  await control.component('kafka').start();
  await close();
});

describe('with both brokers down', () => {
  it('accepts orders, keeps their messages in the outbox, and completes them once the brokers return', async () => {
    await control.component('amqp').stop();
    await control.component('kafka').stop();

    const placed = await Promise.all(
      [COURSES.messaging101, COURSES.kafkaDeepDive, COURSES.messaging101].map((course) =>
        checkout.placeOrder({ learnerId: newLearner(), courseIds: [course] }),
      ),
    );
    expect(placed.map((a) => a.status)).toEqual([201, 201, 201]);
    const ids = placed.map((a) => a.json.id);
    for (const id of ids) {
      const outbox = await effects.outbox('checkout', id);
      expect(outbox).toEqual([
        expect.objectContaining({ topic: 'enrollment.grant-seat', sent_at: null }),
      ]);
      expect((await checkout.getOrder(id)).json.status).toBe('ENROLLING');
    }

    await control.component('amqp').start();
    await control.component('kafka').start();

    for (const id of ids) {
      await orderReaching(checkout, id, 'COMPLETED', undefined, AFTER_RESTART);
      await expect.poll(() => effects.receipts(id), AFTER_RESTART).toBe(1);
      expect(await effects.enrollments(id)).toBe(1);
    }
    await expect.poll(() => effects.unsentOutbox('checkout'), AFTER_RESTART).toBe(0);
    // Real brokers (JVM, Erlang VM; natively or in containers) take 10–25 s each
    // to stop and come back on a loaded machine, before the orders even move.
  }, 180_000);
});
