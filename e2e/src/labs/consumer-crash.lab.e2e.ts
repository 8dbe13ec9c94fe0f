// The consumer-crash lab (docs/labs/consumer-crash.md), through the fault API:
// enrollment grants the seat, then "crashes" before the ack.
import type { ActiveFault } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../../support/flow.js';
import { LabReadings, MESSAGING_SERVICES, metric } from '../../support/labs.js';
import { logLinesOf } from '../../support/service-logs.js';

const { stack, checkout, effects, control, close } = connectToStack();
const readings = new LabReadings(stack, MESSAGING_SERVICES);
afterAll(async () => {
  for (const fault of (await control.faults()).active) await control.liftFault(fault.id);
  await close();
});

const commandQueue = { messaging_destination_name: 'enrollment.grant-seat' };

describe('the consumer-crash-mid-message drill, through the fault API', () => {
  it('gets the command back through a delay queue after the crash; the inbox skips the repeat: one seat, the order COMPLETED', async () => {
    const course = COURSES.messaging101;
    const seatsBefore = await effects.seatsTaken(course);
    const before = await readings.scrape();
    const since = async (name: string, labels: Record<string, string> = {}) =>
      metric(await readings.scrape(), 'enrollment', name, labels) -
      metric(before, 'enrollment', name, labels);
    const fault = (await control.startFault({
      kind: 'consumer-crashing',
      app: 'enrollment',
      at: 'after-handler',
      deliveries: 'first',
      durationMs: 60_000,
    })) as ActiveFault;

    const placed = await checkout.placeOrder({ learnerId: newLearner(), courseIds: [course] });
    expect(placed.status).toBe(201);
    const orderId = placed.json.id;
    await orderReaching(checkout, orderId, 'COMPLETED');

    // The first delivery did the work and failed before the ack: a retry, later skipped by
    // the inbox. (At least one: commands of orders an earlier file left moving count too.)
    await expect
      .poll(
        () =>
          since('messaging_process_duration_count', {
            ...commandQueue,
            shop_messaging_outcome: 'retry_later',
          }),
        ASYNC_TIMEOUT,
      )
      .toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => since('shop_inbox_duplicates_total'), ASYNC_TIMEOUT)
      .toBeGreaterThanOrEqual(1);
    // This order's command, in enrollment's log: failed after the work, then skipped as done.
    const commandLog = async () =>
      (await logLinesOf(stack.logDir, 'enrollment'))
        .filter((l) => l.orderId === orderId && l.kind === 'enrollment.grant-seat.v1')
        .map((l) => [l.msg, l.attempt, l.outcome ?? null]);
    await expect.poll(commandLog, ASYNC_TIMEOUT).toEqual([
      ['command failed; delaying its retry', 1, null],
      ['command handled', 2, 'DUPLICATE'],
    ]);
    expect(await effects.enrollments(orderId)).toBe(1);
    expect((await effects.seatsTaken(course)).taken).toBe(seatsBefore.taken + 1);
    expect(await effects.outbox('enrollment', orderId)).toHaveLength(1); // one seat-granted
    expect(await readings.lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^amqp queues: enrollment\.grant-seat \d+ ready, \d+ delayed, \d+ parked/,
        ),
        expect.stringMatching(/^inbox duplicates skipped: .*enrollment [1-9]/),
      ]),
    );
    await control.liftFault(fault.id);
  });
});
