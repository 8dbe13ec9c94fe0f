import { DeadLetterHeaders } from '@shop/contracts';
import { connect, type MessagePropertyHeaders } from 'amqplib';
import { ConfirmedMover } from './confirmed-mover.js';
import { grantSeatRoute, parkingQueue } from './grant-seat.topology.js';

export interface RedriveResult {
  readonly moved: number;
  /** Parked commands left behind (a limit, or ones parked while we ran). */
  readonly remaining: number;
}

export const REDRIVE_COUNT_HEADER = 'x-redrive-count';

// The broker's retry history of the previous run goes; the redriven command
// gets a fresh attempt budget. The redrive count keeps the fact it happened.
const droppedHeaders = new Set<string>([
  DeadLetterHeaders.parkingReason,
  DeadLetterHeaders.parkingCode,
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-last-death-exchange',
  'x-last-death-queue',
  'x-last-death-reason',
]);

/**
 * Moves up to `limit` parked grant-seat commands back to the main queue, body
 * and properties untouched. Each is acked in the parking lot only after the
 * broker confirmed its copy, so a crash duplicates at worst (the inbox
 * absorbs that). Takes at most what was parked when it started, so a command
 * that fails again and is re-parked is not moved twice in one run.
 */
export async function redriveParkedCommands(
  url: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<RedriveResult> {
  const model = await connect(url);
  // A missing queue closes the channel with an error; the failed call reports it.
  model.on('error', () => undefined);
  try {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    const mover = new ConfirmedMover(await model.createConfirmChannel());
    const { messageCount } = await channel.checkQueue(parkingQueue);
    const wanted = Math.min(limit, messageCount);
    let moved = 0;
    while (moved < wanted) {
      const parked = await channel.get(parkingQueue, { noAck: false });
      if (parked === false) break;
      await mover.send(grantSeatRoute.queue, parked, redrivenHeaders(parked.properties.headers));
      channel.ack(parked);
      moved++;
    }
    const { messageCount: remaining } = await channel.checkQueue(parkingQueue);
    return { moved, remaining };
  } finally {
    await model.close().catch(() => undefined);
  }
}

function redrivenHeaders(headers: MessagePropertyHeaders | undefined): Record<string, unknown> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => !droppedHeaders.has(name));
  const previous = Number(headers?.[REDRIVE_COUNT_HEADER] ?? 0);
  return { ...Object.fromEntries(kept), [REDRIVE_COUNT_HEADER]: previous + 1 };
}
