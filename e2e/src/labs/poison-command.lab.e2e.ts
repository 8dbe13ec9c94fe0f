import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot, readStack } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { dropParkedWhere, parkedCommands } from '../../support/broker-clients.js';
import { COURSES, newLearner } from '../../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../../support/flow.js';
import { LabReadings, MESSAGING_SERVICES, metric } from '../../support/labs.js';

// The poison lab (docs/labs/poison-command.md): a poison command and a poison
// event injected through the fault API, and a command that keeps failing.
const { stack, checkout, effects, databases, control, close } = connectToStack();
const readings = new LabReadings(stack, MESSAGING_SERVICES);
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

/** What the fault API answers for a one-shot injection. */
interface PoisonSent {
  readonly messageId: string;
  readonly to: string;
}

describe('poison injected through the fault API', () => {
  it('poison-command: enrollment parks it at once under its code; the parking queue, the metrics and the drill show it', async () => {
    const before = await readings.scrape();
    const parkedBefore = (await parkedCommands(stack.amqpUrl)).length;
    const sent = (await control.startFault({ kind: 'poison-command' })) as PoisonSent;
    expect(sent.to).toBe('exchange enrollment.commands (enrollment.grant-seat)');

    await expect
      .poll(async () => (await parkedCommands(stack.amqpUrl)).length, ASYNC_TIMEOUT)
      .toBe(parkedBefore + 1);
    const parked = (await parkedCommands(stack.amqpUrl)).at(-1);
    expect(parked?.code).toBe('NOT_A_CLOUDEVENT');
    const code = { shop_messaging_dead_letter_code: 'NOT_A_CLOUDEVENT' };
    await expect
      .poll(
        async () =>
          metric(
            await readings.scrape(),
            'enrollment',
            'shop_messaging_dead_lettered_total',
            code,
          ) - metric(before, 'enrollment', 'shop_messaging_dead_lettered_total', code),
        ASYNC_TIMEOUT,
      )
      .toBe(1);
    const lines = await readings.lines();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^dead-lettered\/parked: .*enrollment: enrollment\.grant-seat NOT_A_CLOUDEVENT [1-9]/,
        ),
        `amqp queues: enrollment.grant-seat 0 ready, 0 delayed, ${parkedBefore + 1} parked`,
      ]),
    );
    expect((await readStack(await control.describe())).parkedCommands).toBe(parkedBefore + 1);

    // Inspected, and not worth a redrive (it would park again): dropped.
    expect(await dropParkedWhere(stack.amqpUrl, (_, id) => id === sent.messageId)).toBe(1);
    expect(await parkedCommands(stack.amqpUrl)).toHaveLength(parkedBefore);
  });

  it('poison-event: notification and analytics each dead-letter it to their own DLQ topic under its code, and keep consuming', async () => {
    const before = await readings.scrape();
    const dlqBefore = (await readStack(await control.describe())).deadLetteredEvents;
    expect(typeof dlqBefore).toBe('object');
    const sent = (await control.startFault({ kind: 'poison-event' })) as PoisonSent;
    expect(sent.to).toBe('topic order.completed.v1');

    const code = {
      messaging_destination_name: 'order.completed.v1',
      shop_messaging_dead_letter_code: 'NOT_A_CLOUDEVENT',
    };
    for (const app of ['notification', 'analytics'] as const) {
      await expect
        .poll(
          async () =>
            metric(await readings.scrape(), app, 'shop_messaging_dead_lettered_total', code) -
            metric(before, app, 'shop_messaging_dead_lettered_total', code),
          ASYNC_TIMEOUT,
        )
        .toBe(1);
    }
    const dlq = (await readStack(await control.describe())).deadLetteredEvents as Record<
      string,
      number
    >;
    const was = dlqBefore as Record<string, number>;
    for (const topic of [
      'order.completed.v1.notification.dlq',
      'order.completed.v1.analytics.dlq',
    ]) {
      expect(dlq[topic], topic).toBe((was[topic] ?? 0) + 1);
    }
    expect(await readings.lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^dead-lettered\/parked: .*notification: order\.completed\.v1 NOT_A_CLOUDEVENT [1-9].*analytics: order\.completed\.v1 NOT_A_CLOUDEVENT [1-9]/,
        ),
      ]),
    );

    // The partitions moved on: the next purchase's receipt is sent.
    const placed = await checkout.placeOrder({
      learnerId: newLearner(),
      courseIds: [COURSES.messaging101],
    });
    await orderReaching(checkout, placed.json.id, 'COMPLETED');
    await expect.poll(() => effects.receipts(placed.json.id), ASYNC_TIMEOUT).toBe(1);
  });
});
