// The broker-down lab (docs/labs/broker-down.md), through the fault API.
import { randomUUID } from 'node:crypto';
import type { ActiveFault } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../../support/checkout.client.js';
import { connectToStack, orderReaching } from '../../support/flow.js';
import { LabReadings, MESSAGING_SERVICES, metric } from '../../support/labs.js';

// After a broker restart a consumer may first have to rejoin its group: kafkajs
// restarts a consumer whose member the restarted broker forgot after ~10 s, so
// checkout's completion and the effects downstream of it get a longer bound.
const AFTER_RESTART = { timeout: 90_000, interval: 200 } as const;
// A safety net only: the test lifts the faults itself once it has read the backlog. A
// fault lifting by its duration while the test still reads would make the test race the
// clock on a loaded machine (the drill's own durations are proven in infra/stack's
// fault-api.spec.ts).
const FAULT_MS = 300_000;

const { stack, checkout, effects, control, close } = connectToStack();
const readings = new LabReadings(stack, MESSAGING_SERVICES);
afterAll(async () => {
  // Whatever happened above, leave the brokers up for the next file.
  for (const fault of (await control.faults()).active) await control.liftFault(fault.id);
  await control.component('amqp').start();
  await control.component('kafka').start();
  await close();
});

/** One purchase, asked again with the same key (as Retry-After says) while it answers 503. */
async function placeUntilAnswered(body: { learnerId: string; courseIds: string[] }) {
  const key = randomUUID();
  let last = await checkout.placeOrder(body, key);
  await expect
    .poll(
      async () => {
        if (last.status === 503) last = await checkout.placeOrder(body, key);
        return last.status;
      },
      { timeout: 60_000, interval: 500 },
    )
    .not.toBe(503);
  return last;
}

describe('the broker-down lab: both brokers stopped through the fault API', () => {
  it('accepts orders, keeps their messages in the outbox (the backlog grows), and drains it in per-key order once the brokers return', async () => {
    const faults = [
      (await control.startFault({
        kind: 'broker-stopped',
        broker: 'amqp',
        durationMs: FAULT_MS,
      })) as ActiveFault,
      (await control.startFault({
        kind: 'broker-stopped',
        broker: 'kafka',
        durationMs: FAULT_MS,
      })) as ActiveFault,
    ];
    const backlogBefore = metric(await readings.scrape(), 'checkout', 'shop_outbox_backlog');

    // Each asked again with its key while payment answers 503 (a cold or loaded stack can
    // miss a deadline): the brokers being down must not be what refuses an order.
    const placed = await Promise.all(
      [COURSES.messaging101, COURSES.kafkaDeepDive, COURSES.messaging101].map((course) =>
        placeUntilAnswered({ learnerId: newLearner(), courseIds: [course] }),
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
    // What `pnpm drill amqp-down` shows meanwhile: the backlog and the age of its oldest row.
    expect(
      metric(await readings.scrape(), 'checkout', 'shop_outbox_backlog'),
    ).toBeGreaterThanOrEqual(backlogBefore + 3);
    expect(await readings.lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^outbox: .*checkout ([3-9]|\d{2,}) unsent \(oldest [\d.]+ s\)/),
      ]),
    );
    expect((await control.faults()).active.map((f) => f.id)).toEqual(
      expect.arrayContaining(faults.map((f) => f.id)),
    );

    // The faults lift: each broker is started again.
    for (const fault of faults) await control.liftFault(fault.id);
    await expect.poll(async () => (await control.faults()).active, AFTER_RESTART).toEqual([]);
    for (const id of ids) {
      await orderReaching(checkout, id, 'COMPLETED', undefined, AFTER_RESTART);
      await expect.poll(() => effects.receipts(id), AFTER_RESTART).toBe(1);
      expect(await effects.enrollments(id)).toBe(1);
      // Per key (the order), the relay sent the rows in the order they were written.
      const sentAt = (await effects.outbox('checkout', id)).map((row) => row.sent_at?.getTime());
      expect(sentAt.every((at) => at !== undefined)).toBe(true);
      expect([...sentAt].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(sentAt);
    }
    await expect.poll(() => effects.unsentOutbox('checkout'), AFTER_RESTART).toBe(0);
    await expect
      .poll(
        async () => metric(await readings.scrape(), 'checkout', 'shop_outbox_backlog'),
        AFTER_RESTART,
      )
      .toBe(0);
    expect(await readings.lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^outbox: .*checkout 0 unsent/),
        expect.stringMatching(/^amqp queues: enrollment\.grant-seat \d+ ready/),
      ]),
    );
    // Real brokers (JVM, Erlang VM; natively or in containers) take 10–25 s each
    // to stop and come back on a loaded machine, before the orders even move.
  }, 180_000);
});
