// enrollment as it runs: the Nest app against a real PostgreSQL and the
// embedded AMQP and Kafka brokers. Commands go in over AMQP; answers come out
// on Kafka through the outbox; failures travel the delay queues and park.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeadLetterHeaders } from '@shop/contracts';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { redriveParkedCommands } from '../src/messaging/parking-lot.redrive.js';
import { parkingQueue } from '../src/messaging/grant-seat.topology.js';
import { GrantSeatHandler } from '../src/seats/grant-seat/grant-seat.handler.js';
import {
  metricOf,
  outcomesOf as outcomesOfSpy,
  startConsumerFixture,
  type ConsumerFixture,
} from './support/consumer-fixture.js';
import {
  createCourses,
  drainQueue,
  grantSeat,
  peekQueue,
  queueDepth,
  reopenPool,
  sendCommands,
  sendRaw,
  type Infrastructure,
} from './support/enrollment-harness.js';

let infra: Infrastructure;
let app: NestFastifyApplication;
let kafka: ConsumerFixture['kafka'];
let fixture: ConsumerFixture;
let execute: MockInstance<GrantSeatHandler['execute']>;

beforeAll(async () => {
  fixture = await startConsumerFixture([
    'enrollment.seat-granted.v1',
    'enrollment.seat-rejected.v1',
  ]);
  ({ infra, app, kafka } = fixture);
  execute = vi.spyOn(app.get(GrantSeatHandler), 'execute');
}, 60_000);
afterAll(() => fixture.stop(infra));

const outcomesOf = (commandId: string) => outcomesOfSpy(execute, commandId);
const metric = (name: string, labels: Record<string, string> = {}) => metricOf(app, name, labels);

const grantSeatConsumer = {
  messaging_system: 'rabbitmq',
  messaging_destination_name: 'enrollment.grant-seat',
};

async function seatsTaken(courseIds: string[]): Promise<number[]> {
  const { rows } = await infra.db.query<{ course_id: string; taken: number }>(
    'SELECT course_id, taken FROM course_seats WHERE course_id = ANY($1::uuid[])',
    [courseIds],
  );
  return courseIds.map((id) => rows.find((r) => r.course_id === id)?.taken ?? -1);
}

describe('enrollment consuming grant-seat commands', () => {
  it('grants a seat in every course of the order and publishes seat-granted to Kafka, keyed by order', async () => {
    const courses = await createCourses(infra.db, 5, 5);
    const command = grantSeat(courses);
    await sendCommands(infra.amqp, [command], 'corr-granted');

    await expect
      .poll(() => kafka.of('enrollment.seat-granted.v1', command.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    const [record] = kafka.of('enrollment.seat-granted.v1', command.orderId);
    expect(record?.event).toMatchObject({
      type: 'com.shop.enrollment.seat-granted.v1',
      subject: command.orderId,
      correlationid: 'corr-granted',
      data: { orderId: command.orderId, learnerId: command.learnerId },
    });
    const { rows } = await infra.db.query<{ id: string; course_id: string }>(
      'SELECT id, course_id FROM enrollments WHERE order_id = $1',
      [command.orderId],
    );
    const enrollments = rows.map((r) => ({ courseId: r.course_id, enrollmentId: r.id }));
    expect((record?.event.data as { enrollments: unknown[] }).enrollments).toEqual(
      expect.arrayContaining(enrollments),
    );
    expect(enrollments).toHaveLength(2);
    expect(await seatsTaken(courses)).toEqual([1, 1]);
  });

  it('rejects the whole order when one course is full, taking no seat in any of its courses', async () => {
    const [open, full] = await createCourses(infra.db, 5, 1);
    await sendCommands(infra.amqp, [grantSeat([full!])]);
    await expect
      .poll(async () => (await seatsTaken([full!]))[0] === 1, { timeout: 15_000 })
      .toBe(true);

    const command = grantSeat([open!, full!]);
    await sendCommands(infra.amqp, [command]);
    await expect
      .poll(() => kafka.of('enrollment.seat-rejected.v1', command.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    expect(kafka.of('enrollment.seat-rejected.v1', command.orderId)[0]?.event.data).toEqual({
      orderId: command.orderId,
      learnerId: command.learnerId,
      courseId: full,
      reason: 'COURSE_FULL',
      detail: 'all 1 seats are taken',
    });
    expect(await seatsTaken([open!, full!])).toEqual([0, 1]);
  });

  it('rejects an order naming an unknown course', async () => {
    const [known] = await createCourses(infra.db, 5);
    const command = grantSeat([known!, '00000000-0000-4000-8000-000000000000']);
    await sendCommands(infra.amqp, [command]);
    await expect
      .poll(() => kafka.of('enrollment.seat-rejected.v1', command.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    expect(kafka.of('enrollment.seat-rejected.v1', command.orderId)[0]?.event.data).toMatchObject({
      reason: 'UNKNOWN_COURSE',
    });
    expect(await seatsTaken([known!])).toEqual([0]);
  });

  it('grants once when the same command is delivered twice', async () => {
    const duplicatesBefore = await metric('shop_inbox_duplicates_total');
    const courses = await createCourses(infra.db, 5);
    const command = grantSeat(courses);
    await sendCommands(infra.amqp, [command, command]);

    await expect
      .poll(() => outcomesOf(command.commandId).filter((o) => o !== 'PENDING').length === 2, {
        timeout: 15_000,
      })
      .toBe(true);
    expect(outcomesOf(command.commandId).sort()).toEqual(['DUPLICATE', 'GRANTED']);
    expect(await seatsTaken(courses)).toEqual([1]);
    expect(await metric('shop_inbox_duplicates_total')).toBe(duplicatesBefore + 1);
    // The relay has sent every row, and the reader has read every record: only then count.
    await expect
      .poll(
        async () =>
          (await infra.db.query('SELECT 1 FROM outbox_messages WHERE sent_at IS NULL')).rowCount,
        {
          timeout: 15_000,
        },
      )
      .toBe(0);
    await expect
      .poll(() => kafka.caughtUp('enrollment.seat-granted.v1'), { timeout: 15_000 })
      .toBe(true);
    expect(kafka.of('enrollment.seat-granted.v1', command.orderId)).toHaveLength(1);
  });

  it('parks an invalid command with the validation error as the reason, and keeps consuming', async () => {
    const parkedAs = (code: string) =>
      metric('shop_messaging_dead_lettered_total', {
        ...grantSeatConsumer,
        shop_messaging_dead_letter_code: code,
      });
    const [invalidBefore, malformedBefore] = [
      await parkedAs('INVALID_DATA'),
      await parkedAs('MALFORMED_JSON'),
    ];
    const bad = { ...grantSeat([]), courseIds: ['not-a-uuid'] };
    const body = JSON.stringify({
      specversion: '1.0',
      id: bad.commandId,
      source: '/shop/checkout',
      type: 'com.shop.enrollment.grant-seat.v1',
      subject: bad.orderId,
      time: new Date().toISOString(),
      correlationid: 'corr-bad',
      data: bad,
    });
    await sendRaw(infra.amqp, [body, 'not json at all']);
    const good = grantSeat(await createCourses(infra.db, 1));
    await sendCommands(infra.amqp, [good]);

    await expect
      .poll(() => kafka.of('enrollment.seat-granted.v1', good.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    const parked = await drainQueue(infra.amqp, parkingQueue);
    const headers = parked.map((m) => m.properties.headers ?? {});
    expect(parked.map((m) => m.content.toString())).toEqual([body, 'not json at all']);
    expect(headers.map((h) => h[DeadLetterHeaders.parkingCode] as unknown)).toEqual([
      'INVALID_DATA',
      'MALFORMED_JSON',
    ]);
    expect(headers[0]?.[DeadLetterHeaders.parkingReason]).toMatch(
      /^invalid data: \/courseIds\/0 must match format "uuid"/,
    );
    expect(headers[0]?.traceparent).toBeDefined();
    expect(outcomesOf(bad.commandId)).toEqual([]);
    expect(await parkedAs('INVALID_DATA')).toBe(invalidBefore + 1);
    expect(await parkedAs('MALFORMED_JSON')).toBe(malformedBefore + 1);
  });

  it('parks once, taking no seat, a command contradicting the grant of its order, and keeps consuming', async () => {
    const [first, second] = await createCourses(infra.db, 5, 5);
    const granted = grantSeat([first!]);
    await sendCommands(infra.amqp, [granted]);
    await expect
      .poll(() => kafka.of('enrollment.seat-granted.v1', granted.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    const contradicting = { ...granted, commandId: `order-${randomUUID()}`, courseIds: [second!] };
    const resent = { ...granted, commandId: `order-${randomUUID()}` };
    const good = grantSeat(await createCourses(infra.db, 1));
    await sendCommands(infra.amqp, [contradicting, resent, good]);

    await expect
      .poll(() => kafka.of('enrollment.seat-granted.v1', good.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    await expect
      .poll(() => outcomesOf(resent.commandId), { timeout: 15_000 })
      .toEqual(['DUPLICATE']);
    await expect.poll(() => queueDepth(infra.amqp, parkingQueue), { timeout: 15_000 }).toBe(1);
    const parked = await drainQueue(infra.amqp, parkingQueue);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.properties.headers?.[DeadLetterHeaders.parkingCode]).toBe('CONTRADICTION');
    expect(parked[0]?.properties.headers?.[DeadLetterHeaders.parkingReason]).toBe(
      `order ${granted.orderId} was granted seats in [${first}]; this command asks for [${second}]`,
    );
    expect(outcomesOf(contradicting.commandId)).toEqual(['REFUSED CONTRADICTION']);
    expect(outcomesOf(resent.commandId)).toEqual(['DUPLICATE']);
    expect(await seatsTaken([first!, second!])).toEqual([1, 0]);
    expect(kafka.of('enrollment.seat-granted.v1', granted.orderId)).toHaveLength(1);
  });
});

describe('enrollment when a command fails', () => {
  // Takes enrollment's database away from the app the way an outage does:
  // its connections are cut and new ones fail, until it is back.
  async function databaseDown(): Promise<() => Promise<void>> {
    await infra.db.end();
    await infra.admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'enrollment'",
    );
    await infra.admin.query('ALTER DATABASE enrollment RENAME TO enrollment_down');
    return async () => {
      await infra.admin.query('ALTER DATABASE enrollment_down RENAME TO enrollment');
    };
  }

  it('retries through the delay queue while the database is down, then grants', async () => {
    const courses = await createCourses(infra.db, 5);
    const command = grantSeat(courses);
    const databaseUp = await databaseDown();
    try {
      await sendCommands(infra.amqp, [command]);
      await expect
        .poll(() => outcomesOf(command.commandId).includes('FAILED'), { timeout: 15_000 })
        .toBe(true);
    } finally {
      await databaseUp();
      infra = { ...infra, db: reopenPool(infra.databaseUrl) };
    }

    await expect
      .poll(() => kafka.of('enrollment.seat-granted.v1', command.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    const outcomes = outcomesOf(command.commandId);
    expect(outcomes.at(-1)).toBe('GRANTED');
    expect(outcomes.slice(0, -1).every((o) => o === 'FAILED')).toBe(true);
    expect(await seatsTaken(courses)).toEqual([1]);
  }, 30_000);

  it('parks a command that fails every attempt, with the last error, and completes it after a fix and a redrive', async () => {
    const courses = await createCourses(infra.db, 5);
    const command = grantSeat(courses);
    // A bug only this order hits: every attempt fails inside the transaction.
    await infra.db.query(`
      CREATE FUNCTION refuse_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'enrollment refused for order %', NEW.order_id; END $$;
      CREATE TRIGGER refuse_order BEFORE INSERT ON enrollments FOR EACH ROW
        WHEN (NEW.order_id = '${command.orderId}') EXECUTE FUNCTION refuse_order();`);
    await sendCommands(infra.amqp, [command]);

    await expect
      .poll(async () => (await queueDepth(infra.amqp, parkingQueue)) === 1, { timeout: 15_000 })
      .toBe(true);
    expect(outcomesOf(command.commandId)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    const [parked] = await peekQueue(infra.amqp, parkingQueue);
    const headers = parked?.properties.headers ?? {};
    expect(headers[DeadLetterHeaders.parkingCode]).toBe('ATTEMPTS_EXHAUSTED');
    expect(headers[DeadLetterHeaders.parkingReason]).toMatch(
      /^attempt 4 of 4 failed: .*enrollment refused for order/,
    );
    const deaths = (headers['x-death'] as { queue: string; reason: string }[]).map(
      (d) => `${d.queue}:${d.reason}`,
    );
    expect(deaths.sort()).toEqual([1, 2, 3].map((n) => `enrollment.grant-seat.retry.${n}:expired`));
    expect(await seatsTaken(courses)).toEqual([0]);

    await infra.db.query('DROP TRIGGER refuse_order ON enrollments');
    expect(await redriveParkedCommands(infra.amqpUrl)).toEqual({ moved: 1, remaining: 0 });

    await expect
      .poll(() => kafka.of('enrollment.seat-granted.v1', command.orderId).length === 1, {
        timeout: 15_000,
      })
      .toBe(true);
    expect(outcomesOf(command.commandId).at(-1)).toBe('GRANTED');
    expect(await seatsTaken(courses)).toEqual([1]);
    expect(await queueDepth(infra.amqp, parkingQueue)).toBe(0);
  }, 30_000);
});
