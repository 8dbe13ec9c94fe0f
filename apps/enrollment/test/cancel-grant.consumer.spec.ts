// enrollment cancelling grants as it runs: the Nest app against a real
// PostgreSQL and the embedded brokers. Cancel-grant commands share the
// grant-seat queue; whichever of an order's two commands comes first, the
// order ends with no seat and one grant-cancelled answer on Kafka.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeadLetterHeaders } from '@shop/contracts';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parkingQueue } from '../src/messaging/grant-seat.topology.js';
import { CancelGrantHandler } from '../src/seats/cancel-grant/cancel-grant.handler.js';
import {
  outcomesOf,
  startConsumerFixture,
  type ConsumerFixture,
} from './support/consumer-fixture.js';
import {
  cancelGrantOf,
  createCourses,
  drainQueue,
  grantSeat,
  sendCancels,
  sendCommands,
  type Infrastructure,
} from './support/enrollment-harness.js';

let infra: Infrastructure;
let app: NestFastifyApplication;
let kafka: ConsumerFixture['kafka'];
let fixture: ConsumerFixture;
let execute: MockInstance<CancelGrantHandler['execute']>;

beforeAll(async () => {
  fixture = await startConsumerFixture([
    'enrollment.seat-granted.v1',
    'enrollment.grant-cancelled.v1',
  ]);
  ({ infra, app, kafka } = fixture);
  execute = vi.spyOn(app.get(CancelGrantHandler), 'execute');
}, 60_000);
afterAll(() => fixture.stop());

const POLL = { timeout: 15_000 };

const cancelOutcomesOf = (commandId: string) => outcomesOf(execute, commandId);

async function seatsTaken(courseId: string): Promise<number> {
  const { rows } = await infra.db.query<{ taken: number }>(
    'SELECT taken FROM course_seats WHERE course_id = $1',
    [courseId],
  );
  return rows[0]?.taken ?? -1;
}

async function enrollmentsOf(orderIds: string[]): Promise<number> {
  const { rows } = await infra.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM enrollments WHERE order_id = ANY($1::uuid[])',
    [orderIds],
  );
  return rows[0]?.n ?? -1;
}

const cancelledAnswers = (orderId: string) => kafka.of('enrollment.grant-cancelled.v1', orderId);

describe('enrollment consuming cancel-grant commands', () => {
  it('when the cancel comes after the grant, then the seats are released and grant-cancelled names them', async () => {
    const [course] = await createCourses(infra.db, 3);
    const grant = grantSeat([course!]);
    await sendCommands(infra.amqp, [grant]);
    await expect
      .poll(() => kafka.of('enrollment.seat-granted.v1', grant.orderId).length, POLL)
      .toBe(1);
    expect(await seatsTaken(course!)).toBe(1);
    const { rows } = await infra.db.query<{ id: string }>(
      'SELECT id FROM enrollments WHERE order_id = $1',
      [grant.orderId],
    );

    await sendCancels(infra.amqp, [cancelGrantOf(grant)], 'corr-cancel');

    await expect.poll(() => cancelledAnswers(grant.orderId).length, POLL).toBe(1);
    expect(cancelledAnswers(grant.orderId)[0]?.event).toMatchObject({
      type: 'com.shop.enrollment.grant-cancelled.v1',
      subject: grant.orderId,
      correlationid: 'corr-cancel',
      data: {
        orderId: grant.orderId,
        learnerId: grant.learnerId,
        released: [{ courseId: course, enrollmentId: rows[0]?.id }],
      },
    });
    expect(await seatsTaken(course!)).toBe(0);
    expect(await enrollmentsOf([grant.orderId])).toBe(0);
  });

  it('when the cancel comes before the grant, then the later grant is parked as GRANT_CANCELLED and takes no seat', async () => {
    const [course] = await createCourses(infra.db, 3);
    const grant = grantSeat([course!]);
    await sendCancels(infra.amqp, [cancelGrantOf(grant)]);
    await expect.poll(() => cancelledAnswers(grant.orderId).length, POLL).toBe(1);
    expect(cancelledAnswers(grant.orderId)[0]?.event.data).toMatchObject({ released: [] });

    // e.g. redriven from the parking lot after the cancellation
    await sendCommands(infra.amqp, [grant]);

    let parked: Awaited<ReturnType<typeof drainQueue>> = [];
    await expect
      .poll(
        async () => (parked = [...parked, ...(await drainQueue(infra.amqp, parkingQueue))]),
        POLL,
      )
      .toHaveLength(1);
    const headers = parked[0]?.properties.headers ?? {};
    expect(headers[DeadLetterHeaders.parkingCode]).toBe('GRANT_CANCELLED');
    expect(headers[DeadLetterHeaders.parkingReason]).toMatch(
      new RegExp(
        `^order ${grant.orderId}'s grant was cancelled at .*; no seat is granted after a cancellation$`,
      ),
    );
    expect(await seatsTaken(course!)).toBe(0);
    expect(kafka.of('enrollment.seat-granted.v1', grant.orderId)).toEqual([]);
  });

  it('when the same cancel is delivered twice, then it is handled once and answered once', async () => {
    const [course] = await createCourses(infra.db, 3);
    const grant = grantSeat([course!]);
    await sendCommands(infra.amqp, [grant]);
    await expect.poll(() => seatsTaken(course!), POLL).toBe(1);
    const cancel = cancelGrantOf(grant);
    await sendCancels(infra.amqp, [cancel, cancel]);

    await expect
      .poll(() => cancelOutcomesOf(cancel.commandId).filter((o) => o !== 'PENDING').length, POLL)
      .toBe(2);
    expect(cancelOutcomesOf(cancel.commandId).sort()).toEqual(['DUPLICATE', 'RELEASED']);
    expect(await seatsTaken(course!)).toBe(0);
    await expect
      .poll(
        async () =>
          (await infra.db.query('SELECT 1 FROM outbox_messages WHERE sent_at IS NULL')).rowCount,
        POLL,
      )
      .toBe(0);
    await expect.poll(() => kafka.caughtUp('enrollment.grant-cancelled.v1'), POLL).toBe(true);
    expect(cancelledAnswers(grant.orderId)).toHaveLength(1);
  });

  it('when grants and cancels of the same orders race, then no order keeps a seat and each is answered once', async () => {
    const [course] = await createCourses(infra.db, 50);
    const grants = Array.from({ length: 10 }, () => grantSeat([course!]));
    // Interleaved on one queue, consumed with a prefetch of 4: pairs run concurrently.
    await Promise.all([
      sendCommands(infra.amqp, grants),
      sendCancels(infra.amqp, grants.map(cancelGrantOf)),
    ]);

    for (const grant of grants) {
      await expect.poll(() => cancelledAnswers(grant.orderId).length, POLL).toBe(1);
    }
    const parked = await drainQueue(infra.amqp, parkingQueue);
    const granted = grants.filter((g) => kafka.of('enrollment.seat-granted.v1', g.orderId).length);
    // Every grant either ran first (and was released) or was refused after the cancel.
    expect(granted.length + parked.length).toBe(grants.length);
    expect(
      parked.map((m) => m.properties.headers?.[DeadLetterHeaders.parkingCode] as unknown),
    ).toEqual(parked.map(() => 'GRANT_CANCELLED'));
    for (const grant of granted) {
      const released = cancelledAnswers(grant.orderId)[0]?.event.data as { released: unknown[] };
      expect(released.released).toHaveLength(1);
    }
    expect(await seatsTaken(course!)).toBe(0);
    expect(await enrollmentsOf(grants.map((g) => g.orderId))).toBe(0);
  });
});
