// The development-only faults of the stack's fault API (docs/drills.md) in
// enrollment's AMQP command consumer, as the stack writes them into its fault
// file: they act where a real failure would, inside the retry plan, so the
// existing mitigations (delay queues, parking lot, inbox) meet them unchanged.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeadLetterHeaders } from '@shop/contracts';
import { parseExposition, samplesOf } from '@shop/metrics/testing';
import { DEVELOPMENT_METRICS_TOKEN, type InAppFault } from '@shop/platform';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import { parkingQueue } from '../src/messaging/grant-seat.topology.js';
import { GrantSeatHandler } from '../src/seats/grant-seat/grant-seat.handler.js';
import {
  createCourses,
  drainQueue,
  grantSeat,
  sendCommands,
  sendRaw,
  startEnrollment,
  startInfrastructure,
  type Infrastructure,
} from './support/enrollment-harness.js';
import { metricOf, outcomesOf as outcomesOfSpy } from './support/consumer-fixture.js';

let infra: Infrastructure;
let app: NestFastifyApplication;
let dir: string;
let faultFile: string;
let execute: MockInstance<GrantSeatHandler['execute']>;
const UNTIL = { timeout: 20_000, interval: 50 } as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'enrollment-faults-'));
  faultFile = join(dir, 'enrollment.json');
  infra = await startInfrastructure();
  // Five attempts, 0.2 s then 1 s apart: a crash after the handler is seen
  // redelivered well before the command would park.
  app = await startEnrollment(infra, {
    DEV_FAULTS_FILE: faultFile,
    GRANT_SEAT_MAX_ATTEMPTS: '5',
    GRANT_SEAT_RETRY_DELAYS_MS: '200,1000',
  });
  execute = vi.spyOn(app.get(GrantSeatHandler), 'execute');
}, 60_000);
afterEach(async () => {
  await writeFaults([]);
});
afterAll(async () => {
  await app.close();
  await infra.stop();
  await rm(dir, { recursive: true, force: true });
});

/** As the stack's fault injector writes it: the whole file, then renamed into place. */
async function writeFaults(faults: Omit<InAppFault, 'target'>[]): Promise<void> {
  const temporary = `${faultFile}.${randomUUID()}.tmp`;
  await writeFile(
    temporary,
    JSON.stringify({ faults: faults.map((f) => ({ ...f, target: 'consumer' })) }),
  );
  await rename(temporary, faultFile);
}
const aMinute = () => Date.now() + 60_000;

const outcomesOf = (commandId: string) => outcomesOfSpy(execute, commandId);
const metric = (name: string, labels: Record<string, string> = {}) => metricOf(app, name, labels);
const commandQueue = {
  messaging_system: 'rabbitmq',
  messaging_destination_name: 'enrollment.grant-seat',
};
const handledCount = () =>
  metric('messaging_process_duration_count', {
    ...commandQueue,
    shop_messaging_outcome: 'handled',
  });

async function seatsTaken(courseId: string): Promise<number> {
  const { rows } = await infra.db.query<{ taken: number }>(
    'SELECT taken FROM course_seats WHERE course_id = $1',
    [courseId],
  );
  return rows[0]?.taken ?? -1;
}

describe('faults injected into enrollment’s command consumer', () => {
  it('consumer-crashing: the handler never runs; the command is retried, then parked with the injected fault as its reason', async () => {
    const parkedBefore = await metric('shop_messaging_dead_lettered_total', {
      ...commandQueue,
      shop_messaging_dead_letter_code: 'ATTEMPTS_EXHAUSTED',
    });
    await writeFaults([{ id: 'crash-1', until: aMinute(), errorRate: 1 }]);
    const [course] = await createCourses(infra.db, 5);
    const command = grantSeat([course!]);
    await sendCommands(infra.amqp, [command]);

    await expect
      .poll(
        () =>
          metric('shop_messaging_dead_lettered_total', {
            ...commandQueue,
            shop_messaging_dead_letter_code: 'ATTEMPTS_EXHAUSTED',
          }),
        UNTIL,
      )
      .toBe(parkedBefore + 1);
    const [parked] = await drainQueue(infra.amqp, parkingQueue);
    expect(String(parked?.properties.headers?.[DeadLetterHeaders.parkingReason])).toMatch(
      /^attempt 5 of 5 failed: InjectedFaultError INJECTED_FAULT: injected fault crash-1$/,
    );
    expect(outcomesOf(command.commandId)).toEqual([]);
    expect(await seatsTaken(course!)).toBe(0);
  });

  it('consumer-crashing after the handler (a crash mid-message): redelivered, the inbox skips the repeat, one seat', async () => {
    const duplicatesBefore = await metric('shop_inbox_duplicates_total');
    const handledBefore = await handledCount();
    await writeFaults([{ id: 'crash-after', until: aMinute(), errorRate: 1, afterWork: true }]);
    const [course] = await createCourses(infra.db, 5);
    const command = grantSeat([course!]);
    await sendCommands(infra.amqp, [command]);

    // The seat was granted, then the "crash": the command comes back and is skipped.
    await expect.poll(() => outcomesOf(command.commandId), UNTIL).toEqual(['GRANTED', 'DUPLICATE']);
    expect(await handledCount()).toBe(handledBefore);
    await writeFaults([]);

    await expect.poll(handledCount, UNTIL).toBe(handledBefore + 1);
    const outcomes = outcomesOf(command.commandId);
    expect(outcomes.filter((o) => o === 'GRANTED')).toHaveLength(1);
    expect(outcomes.slice(1).every((o) => o === 'DUPLICATE')).toBe(true);
    expect(await seatsTaken(course!)).toBe(1);
    expect(await metric('shop_inbox_duplicates_total')).toBe(
      duplicatesBefore + outcomes.length - 1,
    );
  });

  it('duplicate-delivery: each handled command goes through the handler twice; the inbox skips the second', async () => {
    const duplicatesBefore = await metric('shop_inbox_duplicates_total');
    const handledBefore = await handledCount();
    await writeFaults([{ id: 'twice', until: aMinute(), duplicate: true }]);
    const [course] = await createCourses(infra.db, 5);
    const command = grantSeat([course!]);
    await sendCommands(infra.amqp, [command]);

    await expect.poll(handledCount, UNTIL).toBe(handledBefore + 2);
    expect(outcomesOf(command.commandId)).toEqual(['GRANTED', 'DUPLICATE']);
    expect(await seatsTaken(course!)).toBe(1);
    expect(await metric('shop_inbox_duplicates_total')).toBe(duplicatesBefore + 1);
  });

  it('consumer-slow: the command waits out the latency before its handler, then is handled', async () => {
    const handledBefore = await handledCount();
    const secondsBefore = await metric('messaging_process_duration_sum', {
      ...commandQueue,
      shop_messaging_outcome: 'handled',
    });
    await writeFaults([{ id: 'slow', until: aMinute(), latencyMs: { min: 500, max: 500 } }]);
    const [course] = await createCourses(infra.db, 5);
    const command = grantSeat([course!]);
    await sendCommands(infra.amqp, [command]);

    await expect.poll(handledCount, UNTIL).toBe(handledBefore + 1);
    expect(outcomesOf(command.commandId)).toEqual(['GRANTED']);
    const seconds =
      (await metric('messaging_process_duration_sum', {
        ...commandQueue,
        shop_messaging_outcome: 'handled',
      })) - secondsBefore;
    expect(seconds).toBeGreaterThanOrEqual(0.5);
  });
});

describe('the depth of the command queues in /metrics', () => {
  const depthOf = (queue: string) =>
    metric('messaging_amqp_queue_depth', {
      messaging_system: 'rabbitmq',
      messaging_destination_name: queue,
    });

  it('shows commands waiting while the consumer is slow and the parked ones, read from the broker at each scrape', async () => {
    expect(await depthOf('enrollment.grant-seat')).toBe(0);
    const parkedBefore = await depthOf(parkingQueue);
    // Four in hand at a time (prefetch), each held 1 s: the rest wait in the queue.
    await writeFaults([{ id: 'slow', until: aMinute(), latencyMs: { min: 1_000, max: 1_000 } }]);
    const [course] = await createCourses(infra.db, 20);
    await sendCommands(
      infra.amqp,
      Array.from({ length: 10 }, () => grantSeat([course!])),
    );
    await expect.poll(() => depthOf('enrollment.grant-seat'), UNTIL).toBeGreaterThan(0);
    await writeFaults([]);
    await expect.poll(() => depthOf('enrollment.grant-seat'), UNTIL).toBe(0);
    await expect.poll(() => seatsTaken(course!), UNTIL).toBe(10);

    await sendRaw(infra.amqp, ['not json']);
    await expect.poll(() => depthOf(parkingQueue), UNTIL).toBe(parkedBefore + 1);
    await drainQueue(infra.amqp, parkingQueue);
    await expect.poll(() => depthOf(parkingQueue), UNTIL).toBe(0);
    // One series per queue of the topology: the command queue, each delay queue of the plan, the parking lot.
    const response = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${DEVELOPMENT_METRICS_TOKEN}` },
    });
    expect(
      samplesOf(parseExposition(response.body), 'messaging_amqp_queue_depth').map(
        (s) => s.labels.messaging_destination_name,
      ),
    ).toEqual([
      'enrollment.grant-seat',
      'enrollment.grant-seat.retry.1',
      'enrollment.grant-seat.retry.2',
      'enrollment.grant-seat.retry.3',
      'enrollment.grant-seat.retry.4',
      'enrollment.grant-seat.parking',
    ]);
  });
});
