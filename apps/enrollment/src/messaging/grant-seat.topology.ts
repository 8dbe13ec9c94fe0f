import { messageKinds, parkingQueueOf, retryQueueOf } from '@shop/contracts';
import type { Channel } from 'amqplib';

/** Exchange, routing key and queue of the command, as `libs/contracts/asyncapi.yaml` names them. */
export const grantSeatRoute = messageKinds['enrollment.grant-seat.v1'].route;
/** The cancel-grant command: its own routing key, bound to the same queue. */
export const cancelGrantRoute = messageKinds['enrollment.cancel-grant.v1'].route;

export const parkingQueue = parkingQueueOf(grantSeatRoute.queue);

export interface RetryPlan {
  /** Attempts in all, the first included; after the last failure the command is parked. */
  readonly maxAttempts: number;
  /** Wait before retry n is `delaysMs[n - 1]`; the last delay repeats. */
  readonly delaysMs: readonly number[];
}

/** The TTL of the delay queue that holds a command before its attempt `failedAttempt + 1`. */
export function retryDelayOf(plan: RetryPlan, failedAttempt: number): number {
  const delays = plan.delaysMs;
  return delays[Math.min(failedAttempt, delays.length) - 1] ?? delays.at(-1) ?? 0;
}

// Quorum queues with at-least-once dead-lettering: a command moving from a
// delay queue back to the main queue cannot be lost on the way (RabbitMQ
// requires reject-publish overflow for that strategy).
const quorum = { 'x-queue-type': 'quorum' } as const;
const safeDeadLettering = {
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
};

/**
 * Declares the commands' topology; idempotent, so every instance runs it at
 * start-up. One queue bound under both commands' routing keys; one delay
 * queue per retry attempt, each dead-lettering back to the command exchange
 * (under grant-seat's key, which reaches the same queue) when its TTL
 * expires; the parking lot for the rest.
 */
export async function assertGrantSeatTopology(channel: Channel, plan: RetryPlan): Promise<void> {
  const { exchange, routingKey, queue } = grantSeatRoute;
  await channel.assertExchange(exchange, 'direct', { durable: true });
  await channel.assertQueue(queue, { durable: true, arguments: { ...quorum } });
  await channel.bindQueue(queue, exchange, routingKey);
  // An order's commands share the queue, its delay queues and its parking lot.
  await channel.bindQueue(
    cancelGrantRoute.queue,
    cancelGrantRoute.exchange,
    cancelGrantRoute.routingKey,
  );
  for (let attempt = 1; attempt < plan.maxAttempts; attempt++) {
    await channel.assertQueue(retryQueueOf(queue, attempt), {
      durable: true,
      arguments: {
        ...quorum,
        ...safeDeadLettering,
        'x-message-ttl': retryDelayOf(plan, attempt),
        'x-dead-letter-exchange': exchange,
        'x-dead-letter-routing-key': routingKey,
      },
    });
  }
  await channel.assertQueue(parkingQueue, { durable: true, arguments: { ...quorum } });
}
