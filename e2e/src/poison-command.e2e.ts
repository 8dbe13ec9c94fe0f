import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { parkedCommands } from '../support/broker-clients.js';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../support/flow.js';

const { stack, checkout, effects, databases, close } = connectToStack();
const redrive = join(findRepoRoot(import.meta.dirname), 'apps/enrollment/dist/redrive.js');
afterAll(async () => {
  await databases.query('enrollment', 'DROP TRIGGER IF EXISTS e2e_refuse_learner ON enrollments');
  await close();
});

describe('a grant-seat command that keeps failing', () => {
  it('ends in the parking lot with its reason, and completes after the fix and a redrive', async () => {
    const learnerId = newLearner();
    // The poison: enrollment's own database refuses this learner (as a broken constraint or bad data would).
    await databases.query(
      'enrollment',
      `CREATE OR REPLACE FUNCTION e2e_refuse_learner() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'enrollment refused for learner %', NEW.learner_id; END $$;
       CREATE TRIGGER e2e_refuse_learner BEFORE INSERT ON enrollments FOR EACH ROW
         WHEN (NEW.learner_id = '${learnerId}') EXECUTE FUNCTION e2e_refuse_learner();`,
    );

    const placed = await checkout.placeOrder({ learnerId, courseIds: [COURSES.kafkaDeepDive] });
    expect(placed.status).toBe(201);
    const orderId = placed.json.id;

    const parkedHere = async () =>
      (await parkedCommands(stack.amqpUrl)).filter((c) => c.subject === orderId);
    await expect.poll(async () => (await parkedHere()).length, ASYNC_TIMEOUT).toBe(1);
    const [parked] = await parkedHere();
    expect(parked?.code).toBe('ATTEMPTS_EXHAUSTED');
    expect(parked?.reason).toMatch(/^attempt 4 of 4 failed: .*enrollment refused for learner/);
    // Not done, and not silently: the order says it is still waiting for its seats.
    expect((await checkout.getOrder(orderId)).json.status).toBe('ENROLLING');
    expect(await effects.enrollments(orderId)).toBe(0);

    await databases.query('enrollment', 'DROP TRIGGER e2e_refuse_learner ON enrollments');
    const { stdout } = await promisify(execFile)(process.execPath, [redrive], {
      env: { ...process.env, AMQP_URL: stack.amqpUrl },
      timeout: 30_000,
    });
    expect(stdout).toMatch(
      /moved 1 command\(s\) from enrollment\.grant-seat\.parking to enrollment\.grant-seat; 0 left parked/,
    );

    await orderReaching(checkout, orderId, 'COMPLETED');
    expect(await effects.enrollments(orderId)).toBe(1);
    await expect.poll(() => effects.receipts(orderId), ASYNC_TIMEOUT).toBe(1);
    expect(await parkedCommands(stack.amqpUrl)).toEqual([]);
  }, 60_000);
});
