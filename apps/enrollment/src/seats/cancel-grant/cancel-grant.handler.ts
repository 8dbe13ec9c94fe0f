import { Injectable } from '@nestjs/common';
import type { ShopEvent } from '@shop/contracts';
import { refuse, type Refusal } from '@shop/messaging';
import { checkCancelGrant } from '../domain/cancel-check.js';
import { seatEventMessage } from '../grant-seat/seat-events.js';
import { SeatsRepository } from '../seats.repository.js';

export type CancelGrantCommand = ShopEvent<'enrollment.cancel-grant.v1'>;

/** What became of one command: seats released, nothing granted yet (now never), or handled before. */
export type CancelGrantOutcome = 'RELEASED' | 'CANCELLED' | 'DUPLICATE';

/**
 * Cancels the grant of an order for good, in one transaction under the
 * order's lock — the same lock a grant-seat command of that order takes, so
 * the two are decided one after the other, never both: seats granted before
 * are released, the tombstone makes any later grant-seat command a refusal,
 * and `enrollment.grant-cancelled.v1` tells checkout (through the outbox)
 * what was released. A command naming another learner or other courses than
 * the order's grant releases nothing and is refused: the consumer parks it.
 */
@Injectable()
export class CancelGrantHandler {
  constructor(private readonly seats: SeatsRepository) {}

  execute(command: CancelGrantCommand): Promise<CancelGrantOutcome | Refusal> {
    const { orderId, learnerId, commandId } = command.data;
    return this.seats.inTransaction(async (tx): Promise<CancelGrantOutcome | Refusal> => {
      // Checked before the inbox claim: a refused command leaves no trace to skip it by.
      const check = checkCancelGrant(await tx.lockOrder(orderId), command.data);
      if (check.kind === 'contradiction') return refuse('CONTRADICTION', check.reason);
      if (!(await tx.claimCommand(commandId))) return 'DUPLICATE';
      if (check.kind === 'already-cancelled') return 'DUPLICATE';
      const { release } = check;
      if (release.length > 0) {
        await tx.lockSeats(release.map((e) => e.courseId));
        await tx.releaseSeats(release);
      }
      const cancelledAt = new Date();
      await tx.recordCancellation({
        orderId,
        learnerId,
        commandId,
        released: release.length,
        cancelledAt,
      });
      const released = release.map(({ courseId, id }) => ({ courseId, enrollmentId: id }));
      const data = { orderId, learnerId, released, cancelledAt: cancelledAt.toISOString() };
      await tx.publish(seatEventMessage('enrollment.grant-cancelled.v1', data, command));
      return release.length > 0 ? 'RELEASED' : 'CANCELLED';
    });
  }
}
