import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { GrantSeatHandler } from '../grant-seat/grant-seat.handler.js';
import { InMemorySeatsRepository } from '../testing/in-memory-seats.repository.js';
import { CancelGrantHandler } from './cancel-grant.handler.js';

const course = randomUUID();

function order(courseIds = [course]) {
  return { orderId: randomUUID(), learnerId: randomUUID(), courseIds };
}
type Order = ReturnType<typeof order>;

const grantSeat = (o: Order) =>
  createEvent(
    'enrollment.grant-seat.v1',
    { ...o, commandId: `key-${o.orderId}`, requestedAt: new Date().toISOString() },
    { subject: o.orderId, correlationId: 'corr-unit' },
  );
const cancelGrant = (o: Order, commandId = `cancel-grant-${o.orderId}`) =>
  createEvent(
    'enrollment.cancel-grant.v1',
    { ...o, commandId, requestedAt: new Date().toISOString() },
    { subject: o.orderId, correlationId: 'corr-cancel' },
  );

function setUp() {
  const seats = new InMemorySeatsRepository({ [course]: 1 });
  return { seats, grant: new GrantSeatHandler(seats), cancel: new CancelGrantHandler(seats) };
}

const topics = (seats: InMemorySeatsRepository) =>
  seats.state.outbox.map((m) => (m.destination.transport === 'KAFKA' ? m.destination.topic : ''));

describe('CancelGrantHandler', () => {
  it('releases the seats granted before the cancel arrived, and answers grant-cancelled naming them', async () => {
    const { seats, grant, cancel } = setUp();
    const o = order();
    await grant.execute(grantSeat(o));
    const [enrollment] = seats.state.enrollments;

    await expect(cancel.execute(cancelGrant(o))).resolves.toBe('RELEASED');

    expect(seats.state.seats.get(course)?.taken).toBe(0);
    expect(seats.state.enrollments).toEqual([]);
    expect(seats.state.outbox.at(-1)).toMatchObject({
      destination: { transport: 'KAFKA', topic: 'enrollment.grant-cancelled.v1' },
      messageKey: o.orderId,
      payload: {
        subject: o.orderId,
        correlationid: 'corr-cancel',
        data: {
          orderId: o.orderId,
          released: [{ courseId: course, enrollmentId: enrollment?.id }],
        },
      },
    });
  });

  it('cancels an order not granted yet, so its grant-seat command arriving later is refused and takes no seat', async () => {
    const { seats, grant, cancel } = setUp();
    const o = order();
    await expect(cancel.execute(cancelGrant(o))).resolves.toBe('CANCELLED');
    expect(seats.state.outbox.at(-1)).toMatchObject({
      payload: { data: { orderId: o.orderId, released: [] } },
    });

    const late = grantSeat(o);
    await expect(grant.execute(late)).resolves.toMatchObject({
      refused: true,
      code: 'GRANT_CANCELLED',
      reason: expect.stringContaining('no seat is granted after a cancellation') as unknown,
    });
    expect(seats.state.seats.get(course)?.taken).toBe(0);
    expect(seats.state.claimed.has(late.data.commandId)).toBe(false);
    expect(topics(seats)).toEqual(['enrollment.grant-cancelled.v1']);
  });

  it('frees the seat for another order once a granted order is cancelled', async () => {
    const { seats, grant, cancel } = setUp();
    const first = order();
    await grant.execute(grantSeat(first));
    await cancel.execute(cancelGrant(first));
    await expect(grant.execute(grantSeat(order()))).resolves.toBe('GRANTED');
    expect(seats.state.seats.get(course)?.taken).toBe(1);
  });

  it('handles a replay once: the same command, or another cancel of the same order, changes nothing and sends nothing', async () => {
    const { seats, grant, cancel } = setUp();
    const o = order();
    await grant.execute(grantSeat(o));
    const command = cancelGrant(o);
    await cancel.execute(command);
    await expect(cancel.execute(command)).resolves.toBe('DUPLICATE');
    await expect(cancel.execute(cancelGrant(o, `other-${o.orderId}`))).resolves.toBe('DUPLICATE');
    expect(seats.state.seats.get(course)?.taken).toBe(0);
    expect(topics(seats)).toEqual(['enrollment.seat-granted.v1', 'enrollment.grant-cancelled.v1']);
  });

  it('releases nothing for a cancel naming other courses than the grant, and refuses it', async () => {
    const { seats, grant, cancel } = setUp();
    const o = order();
    await grant.execute(grantSeat(o));
    const forged = cancelGrant({ ...o, courseIds: [randomUUID()] });
    await expect(cancel.execute(forged)).resolves.toMatchObject({
      refused: true,
      code: 'CONTRADICTION',
    });
    expect(seats.state.seats.get(course)?.taken).toBe(1);
    expect(seats.state.cancellations.size).toBe(0);
    expect(seats.state.claimed.has(forged.data.commandId)).toBe(false);
  });
});
