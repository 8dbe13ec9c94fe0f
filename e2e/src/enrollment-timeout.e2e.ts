import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { dropParked, parkedCommands } from '../support/broker-clients.js';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../support/flow.js';

const { stack, checkout, effects, databases, close } = connectToStack();
const redrive = join(findRepoRoot(import.meta.dirname), 'apps/enrollment/dist/redrive.js');
let orderId: string | undefined;
afterAll(async () => {
  await databases.query('enrollment', 'DROP TRIGGER IF EXISTS e2e_refuse_timeout ON enrollments');
  if (orderId) await dropParked(stack.amqpUrl, orderId);
  await close();
});

// The stack's enrollment deadline is checkout's default (5 min): rather than
// wait, the test moves this one order's clock back past it, as the unit specs
// move `now`. Everything after that runs for real: the sweep, the outbox, the
// AMQP command, enrollment's database, the Kafka answer, payment's refund.
async function pastEnrollmentDeadline(id: string): Promise<void> {
  await databases.query(
    'checkout',
    `UPDATE orders SET created_at = created_at - interval '10 minutes' WHERE id = $1`,
    [id],
  );
  await databases.query(
    'checkout',
    `UPDATE order_status_changes SET at = at - interval '10 minutes' WHERE order_id = $1`,
    [id],
  );
}

const SWEEP = { timeout: 90_000, interval: 250 } as const;

describe('an order whose grant-seat command is parked', () => {
  it('is refunded and cancelled with reason enrollment-timeout after its deadline, analytics counts the cancellation, and the redriven grant is refused', async () => {
    const learnerId = newLearner();
    const statsBefore = await effects.courseStats(COURSES.kafkaDeepDive);
    // The grant fails every attempt and parks (enrollment's database refuses this learner's seat).
    await databases.query(
      'enrollment',
      `CREATE OR REPLACE FUNCTION e2e_refuse_timeout() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'enrollment refused for learner %', NEW.learner_id; END $$;
       CREATE TRIGGER e2e_refuse_timeout BEFORE INSERT ON enrollments FOR EACH ROW
         WHEN (NEW.learner_id = '${learnerId}') EXECUTE FUNCTION e2e_refuse_timeout();`,
    );
    const placed = await checkout.placeOrder({ learnerId, courseIds: [COURSES.kafkaDeepDive] });
    expect(placed.status).toBe(201);
    orderId = placed.json.id;
    const id = orderId;
    const parkedHere = async () =>
      (await parkedCommands(stack.amqpUrl)).filter((c) => c.subject === id);
    await expect.poll(async () => (await parkedHere()).length, ASYNC_TIMEOUT).toBe(1);
    expect((await checkout.getOrder(id)).json.status).toBe('ENROLLING');

    await pastEnrollmentDeadline(id);

    await expect
      .poll(async () => (await checkout.getOrder(id)).json.status, SWEEP)
      .toBe('CANCELLED');
    const order = await orderReaching(checkout, id, 'CANCELLED');
    expect(order.history.slice(-2).map((c) => [c.from, c.to])).toEqual([
      ['ENROLLING', 'ENROLLING'],
      ['ENROLLING', 'CANCELLED'],
    ]);
    expect(order.history.at(-1)?.reason).toMatch(
      /^enrollment-timeout: enrollment cancelled the grant \(no seat had been granted\); payment refunded \(refund /,
    );
    expect(order.refundId).not.toBeNull();
    expect(await effects.refunds(id)).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);

    // Announced as order.cancelled.v2 (v1 cannot say this reason), and counted by analytics.
    const announced = (await effects.outbox('checkout', id)).filter(
      (m) => m.destination === 'KAFKA',
    );
    expect(announced.map((m) => [m.topic, m.payload.data])).toEqual([
      [
        'order.cancelled.v2',
        expect.objectContaining({ reason: 'ENROLLMENT_TIMEOUT', refundId: order.refundId }),
      ],
    ]);
    await expect
      .poll(async () => {
        const rows = await databases.query<{ outcome: string }>(
          'analytics',
          'SELECT outcome::text AS outcome FROM counted_orders WHERE order_id = $1',
          [id],
        );
        return rows.map((r) => r.outcome);
      }, ASYNC_TIMEOUT)
      .toEqual(['CANCELLED']);
    expect(await effects.courseStats(COURSES.kafkaDeepDive)).toMatchObject({
      cancellations: statsBefore.cancellations + 1,
    });

    // The fix, then the redrive: the parked grant comes back and is refused, taking no seat.
    await databases.query('enrollment', 'DROP TRIGGER e2e_refuse_timeout ON enrollments');
    await promisify(execFile)(process.execPath, [redrive], {
      env: { ...process.env, AMQP_URL: stack.amqpUrl },
      timeout: 30_000,
    });
    await expect
      .poll(async () => (await parkedHere()).map((c) => c.code), ASYNC_TIMEOUT)
      .toEqual(['GRANT_CANCELLED']);
    expect(await effects.enrollments(id)).toBe(0);
    expect((await checkout.getOrder(id)).json.status).toBe('CANCELLED');
  }, 180_000);
});
