import { Injectable } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { refuse, type Refusal } from '@shop/messaging';
import { checkGrantSeat } from '../domain/grant-check.js';
import { allocateSeats } from '../domain/seat-allocation.js';
import { SeatsRepository } from '../seats.repository.js';
import { seatEventMessage } from './seat-events.js';

export type GrantSeatCommand = ShopEvent<'enrollment.grant-seat.v1'>;

/** What became of one command: handled now (granted or rejected), or handled before. */
export type GrantSeatOutcome = 'GRANTED' | 'REJECTED' | 'DUPLICATE';

/**
 * Grants a seat in every course of an order, or none, and records the answer
 * for checkout in the outbox — one transaction, so the seats, the inbox entry
 * and the event commit together or not at all. A command that contradicts the
 * grant already made for its order (another learner, other courses) takes no
 * seat and is refused: the consumer parks it. So is one for an order whose
 * grant was cancelled (`GRANT_CANCELLED`): checkout already has its answer.
 */
@Injectable()
export class GrantSeatHandler {
  constructor(private readonly seats: SeatsRepository) {}

  execute(command: GrantSeatCommand): Promise<GrantSeatOutcome | Refusal> {
    const { orderId, learnerId, courseIds } = command.data;
    return this.seats.inTransaction(async (tx): Promise<GrantSeatOutcome | Refusal> => {
      // Checked before the inbox claim: a refused command leaves no trace to skip it by.
      const check = checkGrantSeat(await tx.lockOrder(orderId), command.data);
      if (check.kind === 'cancelled') return refuse('GRANT_CANCELLED', check.reason);
      if (check.kind === 'contradiction') return refuse('CONTRADICTION', check.reason);
      if (!(await tx.claimCommand(command.data.commandId))) return 'DUPLICATE';
      if (check.kind === 'already-granted') return 'DUPLICATE';
      const allocation = allocateSeats(courseIds, await tx.lockSeats(courseIds));
      if (!allocation.granted) {
        const { courseId, reason, detail } = allocation;
        const data = { orderId, learnerId, courseId, reason, detail };
        await tx.publish(seatEventMessage('enrollment.seat-rejected.v1', data, command));
        return 'REJECTED';
      }
      const taken = await tx.takeSeats({ orderId, learnerId }, courseIds);
      const enrollments = taken.map(({ courseId, id }) => ({ courseId, enrollmentId: id }));
      const data = { orderId, learnerId, enrollments };
      await tx.publish(seatEventMessage('enrollment.seat-granted.v1', data, command));
      return 'GRANTED';
    });
  }
}
