// The slow-consumer lab (docs/labs/slow-consumer.md), through the fault API:
// notification takes 1.5 s per event; nothing upstream waits for it.
import type { ActiveFault } from '@shop/stack';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../../support/flow.js';
import { LabReadings, MESSAGING_SERVICES, metric } from '../../support/labs.js';

const { stack, checkout, effects, control, close } = connectToStack();
const readings = new LabReadings(stack, MESSAGING_SERVICES);
afterAll(async () => {
  for (const fault of (await control.faults()).active) await control.liftFault(fault.id);
  await close();
});

const lagOf = async (group: string) =>
  metric(await readings.scrape(), group, 'messaging_kafka_consumer_lag', {
    messaging_consumer_group_name: group,
  });

describe('the consumer-slow drill, through the fault API', () => {
  it('lets orders complete while notification falls behind (its lag grows), then catches up once the fault lifts: one receipt each', async () => {
    const fault = (await control.startFault({
      kind: 'consumer-slow',
      app: 'notification',
      latencyMs: { min: 1_500, max: 1_500 },
      durationMs: 60_000,
    })) as ActiveFault;

    const placed = await Promise.all(
      [COURSES.messaging101, COURSES.grpcInPractice, COURSES.messaging101].map((course) =>
        checkout.placeOrder({ learnerId: newLearner(), courseIds: [course] }),
      ),
    );
    expect(placed.map((p) => p.status)).toEqual([201, 201, 201]);
    const ids = placed.map((p) => p.json.id);
    // Nothing upstream waits on a consequence: checkout completes the orders.
    for (const id of ids) await orderReaching(checkout, id, 'COMPLETED');
    // notification holds each event 1.5 s before handling it: its group is behind.
    await expect.poll(() => lagOf('notification'), ASYNC_TIMEOUT).toBeGreaterThan(0);
    expect(await readings.lines()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kafka consumer lag: .*notification [1-9]/)]),
    );
    // analytics, in its own group, is not slowed.
    await expect.poll(() => lagOf('analytics'), ASYNC_TIMEOUT).toBe(0);

    await control.liftFault(fault.id);
    await expect.poll(() => lagOf('notification'), ASYNC_TIMEOUT).toBe(0);
    for (const id of ids) await expect.poll(() => effects.receipts(id), ASYNC_TIMEOUT).toBe(1);
    expect(await readings.lines()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kafka consumer lag: .*notification 0/)]),
    );
  });
});
