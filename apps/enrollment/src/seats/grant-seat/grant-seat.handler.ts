import { Inject, Injectable } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { inbox } from '@shop/idempotency';
import { Outbox } from '@shop/outbox';
import { PrismaClient } from '../../generated/prisma/client.js';
import { lockCourseSeats, takeSeats } from '../course-seats.repository.js';
import { allocateSeats } from '../domain/seat-allocation.js';
import { seatEventMessage } from './seat-events.js';

export type GrantSeatCommand = ShopEvent<'enrollment.grant-seat.v1'>;

/** What became of one command: handled now (granted or rejected), or handled before. */
export type GrantSeatOutcome = 'GRANTED' | 'REJECTED' | 'DUPLICATE';

/**
 * Grants a seat in every course of an order, or none, and records the answer
 * for checkout in the outbox — one transaction, so the seats, the inbox entry
 * and the event commit together or not at all.
 */
@Injectable()
export class GrantSeatHandler {
  private readonly outbox = new Outbox();

  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  async execute(command: GrantSeatCommand): Promise<GrantSeatOutcome> {
    const { orderId, learnerId, courseIds } = command.data;
    return this.prisma.$transaction(async (tx) => {
      if (!(await inbox.claim(tx, command.data.commandId))) return 'DUPLICATE';
      const allocation = allocateSeats(courseIds, await lockCourseSeats(tx, courseIds));
      if (!allocation.granted) {
        const { courseId, reason, detail } = allocation;
        const data = { orderId, learnerId, courseId, reason, detail };
        await this.outbox.enqueue(
          tx,
          seatEventMessage('enrollment.seat-rejected.v1', data, command),
        );
        return 'REJECTED';
      }
      const enrollments = await takeSeats(tx, { orderId, learnerId }, courseIds);
      const data = { orderId, learnerId, enrollments };
      await this.outbox.enqueue(tx, seatEventMessage('enrollment.seat-granted.v1', data, command));
      return 'GRANTED';
    });
  }
}
