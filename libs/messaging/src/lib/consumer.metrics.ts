import { DURATION_BUCKETS_S, secondsSince, shopMeter } from '@shop/metrics';
import { annotateActiveSpan } from '@shop/tracing';

const meter = shopMeter('@shop/messaging');

const processDuration = meter.createHistogram('messaging.process.duration', {
  unit: 's',
  description:
    'Time a consumer took over one message, retries included, by outcome: handled, dead_lettered (parked with its reason), retry_later (left for redelivery or a delay queue).',
  advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_S] },
});
const deadLettered = meter.createCounter('shop.messaging.dead_lettered', {
  description:
    'Messages moved to a dead-letter topic or parking-lot queue, by the stable code of the reason (never the message or its ids).',
});

/** Where a consumer read a message: all three are names from code and config, bounded. */
export interface ConsumedFrom {
  readonly system: 'kafka' | 'rabbitmq';
  /** The topic or queue. */
  readonly destination: string;
  /** The consumer group (Kafka) or the consuming service (AMQP). */
  readonly group: string;
}

export type ConsumeOutcome = 'handled' | 'dead_lettered' | 'retry_later';

/**
 * Times one message through `consume` and records how it ended (RED per
 * consumer). `consume` says whether it handled or dead-lettered the message; a
 * throw means "deliver it again". Resolves with that outcome.
 */
export async function measureConsumption(
  from: ConsumedFrom,
  consume: () => Promise<ConsumeOutcome>,
): Promise<ConsumeOutcome> {
  const started = performance.now();
  let outcome: ConsumeOutcome = 'retry_later';
  try {
    outcome = await consume();
    return outcome;
  } finally {
    // On the consumer's span too: how the delivery ended is what a timeline shows.
    annotateActiveSpan({ 'shop.messaging.outcome': outcome });
    recordConsumption(from, outcome, secondsSince(started));
  }
}

/** Records one message's outcome and time (a batch records each of its messages once it committed). */
export function recordConsumption(
  from: ConsumedFrom,
  outcome: ConsumeOutcome,
  seconds: number,
): void {
  processDuration.record(seconds, { ...attributesOf(from), 'shop.messaging.outcome': outcome });
}

/** Counts one dead-lettered (parked) message under the code of its reason. */
export function countDeadLettered(from: ConsumedFrom, code: string): void {
  deadLettered.add(1, { ...attributesOf(from), 'shop.messaging.dead_letter.code': code });
  annotateActiveSpan({ 'shop.messaging.dead_letter.code': code });
}

function attributesOf(from: ConsumedFrom) {
  return {
    'messaging.system': from.system,
    'messaging.destination.name': from.destination,
    'messaging.consumer.group.name': from.group,
  };
}
