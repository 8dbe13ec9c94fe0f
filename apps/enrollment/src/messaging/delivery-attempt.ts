import { retryQueueOf } from '@shop/contracts';
import type { ConsumeMessage } from 'amqplib';
import { grantSeatRoute } from './grant-seat.topology.js';

interface DeathRecord {
  readonly queue?: unknown;
  readonly reason?: unknown;
}

const retryQueuePattern = new RegExp(
  `^${grantSeatRoute.queue.replaceAll('.', '\\.')}\\.retry\\.(\\d+)$`,
);

/**
 * Which attempt this delivery is, from 1. The broker writes `x-death` when a
 * delay queue's TTL expires; the delay queue's name carries the attempt it
 * delayed, so the newest expiry tells the count even on brokers that keep
 * only their own x-death entries (RabbitMQ 3.13.0–3.13.2 ignored the ones a
 * client republished).
 */
export function deliveryAttemptOf(message: ConsumeMessage): number {
  const deaths: unknown = message.properties.headers?.['x-death'];
  if (!Array.isArray(deaths)) return 1;
  let delayed = 0;
  for (const death of deaths as DeathRecord[]) {
    if (death.reason !== 'expired' || typeof death.queue !== 'string') continue;
    const attempt = Number(retryQueuePattern.exec(death.queue)?.[1] ?? 0);
    delayed = Math.max(delayed, attempt);
  }
  return delayed + 1;
}

/** The delay queue for the retry after `failedAttempt`. */
export const retryQueueAfter = (failedAttempt: number): string =>
  retryQueueOf(grantSeatRoute.queue, failedAttempt);
