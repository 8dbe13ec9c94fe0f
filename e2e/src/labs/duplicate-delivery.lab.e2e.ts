// The duplicate-delivery lab (docs/labs/duplicate-delivery.md): every message
// handled twice through the fault API, then every message published twice.
import { afterAll, describe, expect, it } from 'vitest';
import { committedOffset, republish, type KafkaPosition } from '../../support/broker-clients.js';
import { COURSES, newLearner } from '../../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../../support/flow.js';
import { LabReadings, MESSAGING_SERVICES, metric } from '../../support/labs.js';

const { stack, checkout, effects, control, close } = connectToStack();
const readings = new LabReadings(stack, MESSAGING_SERVICES);
afterAll(async () => {
  for (const fault of (await control.faults()).active) await control.liftFault(fault.id);
  await close();
});

const CONSUMING_APPS = ['enrollment', 'notification', 'analytics'] as const;

describe('the duplicate-delivery drill, through the fault API', () => {
  it('hands every message to enrollment, notification and analytics twice; each inbox skips the second: one seat, one receipt, one conversion', async () => {
    const course = COURSES.kafkaDeepDive;
    const seatsBefore = await effects.seatsTaken(course);
    const statsBefore = await effects.courseStats(course);
    const before = await readings.scrape();
    const skipped = async () => {
      const now = await readings.scrape();
      return CONSUMING_APPS.map(
        (app) =>
          metric(now, app, 'shop_inbox_duplicates_total') -
          metric(before, app, 'shop_inbox_duplicates_total'),
      );
    };
    for (const app of CONSUMING_APPS) {
      await control.startFault({ kind: 'duplicate-delivery', app, durationMs: 60_000 });
    }

    const placed = await checkout.placeOrder({ learnerId: newLearner(), courseIds: [course] });
    expect(placed.status).toBe(201);
    const orderId = placed.json.id;
    await orderReaching(checkout, orderId, 'COMPLETED');
    // The grant-seat command (enrollment) and order.completed (notification, analytics), each skipped once.
    await expect.poll(skipped, ASYNC_TIMEOUT).toEqual([1, 1, 1]);
    await expect.poll(() => effects.receipts(orderId), ASYNC_TIMEOUT).toBe(1);
    await expect
      .poll(async () => (await effects.courseStats(course)).conversions, ASYNC_TIMEOUT)
      .toBe(statsBefore.conversions + 1);
    expect(await effects.enrollments(orderId)).toBe(1);
    expect((await effects.seatsTaken(course)).taken).toBe(seatsBefore.taken + 1);
    expect(await readings.lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^inbox duplicates skipped: .*enrollment [1-9]\d*.*notification [1-9]/,
        ),
      ]),
    );
    const { active } = await control.faults();
    expect(active.map((f) => f.request.kind)).toEqual(Array(3).fill('duplicate-delivery'));
    for (const fault of active) await control.liftFault(fault.id);
  });
});

// Who consumes each event topic (consumer groups).
const CONSUMERS: Record<string, string[]> = {
  'enrollment.seat-granted.v1': ['checkout'],
  'order.completed.v1': ['notification', 'analytics'],
};

describe('every command and event published twice (a relay that retried, a broker that redelivered)', () => {
  it('still grants one seat, sends one receipt and counts one conversion', async () => {
    const course = COURSES.grpcInPractice;
    const seatsBefore = await effects.seatsTaken(course);
    const statsBefore = await effects.courseStats(course);
    const placed = await checkout.placeOrder({ learnerId: newLearner(), courseIds: [course] });
    expect(placed.status).toBe(201);
    const orderId = placed.json.id;
    await orderReaching(checkout, orderId, 'COMPLETED');
    await expect.poll(() => effects.receipts(orderId), ASYNC_TIMEOUT).toBe(1);
    await expect
      .poll(async () => (await effects.courseStats(course)).conversions, ASYNC_TIMEOUT)
      .toBe(statsBefore.conversions + 1);

    // The messages exactly as the relays sent them: the command and every event of this order.
    const sent = [
      ...(await effects.outbox('checkout', orderId)),
      ...(await effects.outbox('enrollment', orderId)),
    ];
    expect(sent.map((m) => m.topic).sort()).toEqual([
      'enrollment.grant-seat',
      'enrollment.seat-granted.v1',
      'order.completed.v1',
    ]);
    const positions: KafkaPosition[] = [];
    for (const message of sent) {
      const position = await republish(message, stack);
      if (position) positions.push(position);
    }

    // Wait until every consumer group has read past its duplicate, so "nothing changed" means handled.
    for (const position of positions) {
      for (const group of CONSUMERS[position.topic] ?? []) {
        await expect
          .poll(() => committedOffset(stack.kafkaBrokers, group, position), ASYNC_TIMEOUT)
          .toBeGreaterThan(position.offset);
      }
    }
    // The command's twin: enrollment drained its queue, and a later order went all the way through.
    const later = await checkout.placeOrder({ learnerId: newLearner(), courseIds: [course] });
    await orderReaching(checkout, later.json.id, 'COMPLETED');

    expect(await effects.enrollments(orderId)).toBe(1);
    expect((await effects.seatsTaken(course)).taken).toBe(seatsBefore.taken + 2); // this order and the later one
    expect(await effects.receipts(orderId)).toBe(1);
    await expect
      .poll(async () => (await effects.courseStats(course)).conversions, ASYNC_TIMEOUT)
      .toBe(statsBefore.conversions + 2);
    expect((await effects.outbox('checkout', orderId)).map((m) => m.topic)).toEqual([
      'enrollment.grant-seat',
      'order.completed.v1',
    ]);
    expect(await effects.outbox('enrollment', orderId)).toHaveLength(1);
  });
});
