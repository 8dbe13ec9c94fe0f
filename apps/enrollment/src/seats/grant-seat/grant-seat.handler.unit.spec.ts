import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/contracts';
import { describe, expect, it } from 'vitest';
import { InMemorySeatsRepository } from '../testing/in-memory-seats.repository.js';
import { GrantSeatHandler } from './grant-seat.handler.js';

const roomy = randomUUID();
const scarce = randomUUID();

function grantSeat(courseIds: string[], commandId = `order-${randomUUID()}`) {
  const orderId = randomUUID();
  return createEvent(
    'enrollment.grant-seat.v1',
    {
      commandId,
      orderId,
      learnerId: randomUUID(),
      courseIds,
      requestedAt: new Date().toISOString(),
    },
    { subject: orderId, correlationId: 'corr-unit' },
  );
}

function setUp() {
  const seats = new InMemorySeatsRepository({ [roomy]: 10, [scarce]: 1 });
  return { seats, handler: new GrantSeatHandler(seats) };
}

describe('GrantSeatHandler', () => {
  it('takes a seat in every course and answers seat-granted, keyed by the order, with the enrollments', async () => {
    const { seats, handler } = setUp();
    const command = grantSeat([roomy, scarce]);
    await expect(handler.execute(command)).resolves.toBe('GRANTED');
    expect(seats.state.seats.get(roomy)?.taken).toBe(1);
    expect(seats.state.seats.get(scarce)?.taken).toBe(1);
    const [message] = seats.state.outbox;
    expect(message).toMatchObject({
      destination: { transport: 'KAFKA', topic: 'enrollment.seat-granted.v1' },
      messageKey: command.data.orderId,
      payload: { subject: command.data.orderId, correlationid: 'corr-unit' },
    });
    const granted = message?.payload as unknown as { data: { enrollments: unknown[] } };
    expect(granted.data.enrollments).toHaveLength(2);
  });

  it('takes no seat at all when one course is full, and answers seat-rejected naming it', async () => {
    const { seats, handler } = setUp();
    await handler.execute(grantSeat([scarce]));
    await expect(handler.execute(grantSeat([roomy, scarce]))).resolves.toBe('REJECTED');
    expect(seats.state.seats.get(roomy)?.taken).toBe(0);
    expect(seats.state.outbox.at(-1)).toMatchObject({
      destination: { topic: 'enrollment.seat-rejected.v1' },
      payload: { data: { courseId: scarce, reason: 'COURSE_FULL' } },
    });
  });

  it('rejects an unknown course', async () => {
    const { seats, handler } = setUp();
    const unknown = randomUUID();
    await expect(handler.execute(grantSeat([unknown]))).resolves.toBe('REJECTED');
    expect(seats.state.outbox[0]).toMatchObject({
      payload: { data: { courseId: unknown, reason: 'UNKNOWN_COURSE' } },
    });
  });

  it('handles a command id once: a redelivery changes nothing and sends nothing', async () => {
    const { seats, handler } = setUp();
    const command = grantSeat([roomy]);
    await handler.execute(command);
    await expect(handler.execute(command)).resolves.toBe('DUPLICATE');
    expect(seats.state.seats.get(roomy)?.taken).toBe(1);
    expect(seats.state.outbox).toHaveLength(1);
  });

  it('takes nothing for a command contradicting the grant of its order, and refuses it', async () => {
    const { seats, handler } = setUp();
    const first = grantSeat([roomy]);
    await handler.execute(first);
    const other = createEvent(
      'enrollment.grant-seat.v1',
      { ...first.data, commandId: `order-${randomUUID()}`, courseIds: [roomy, scarce] },
      { subject: first.data.orderId, correlationId: 'corr-unit' },
    );
    await expect(handler.execute(other)).resolves.toMatchObject({
      refused: true,
      code: 'CONTRADICTION',
      reason: expect.stringMatching(
        /was granted seats in \[.*\]; this command asks for/,
      ) as unknown,
    });
    expect(seats.state.seats.get(scarce)?.taken).toBe(0);
    expect(seats.state.claimed.has(other.data.commandId)).toBe(false);
    expect(seats.state.outbox).toHaveLength(1);
  });

  it('is a no-op for another command asking for exactly what its order was granted', async () => {
    const { seats, handler } = setUp();
    const first = grantSeat([roomy]);
    await handler.execute(first);
    const resent = createEvent(
      'enrollment.grant-seat.v1',
      { ...first.data, commandId: `order-${randomUUID()}` },
      { subject: first.data.orderId, correlationId: 'corr-unit' },
    );
    await expect(handler.execute(resent)).resolves.toBe('DUPLICATE');
    expect(seats.state.seats.get(roomy)?.taken).toBe(1);
    expect(seats.state.outbox).toHaveLength(1);
  });
});
