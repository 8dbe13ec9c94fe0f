/**
 * Header names carried by a refused message, so whoever reads a DLQ or the
 * parking lot sees why without reprocessing it. Values are UTF-8 strings.
 */
export const DeadLetterHeaders = {
  /** Kafka DLQ: the human reason, e.g. `invalid data: /orderId must match format "uuid"`. */
  reason: 'x-dead-letter-reason',
  /** Kafka DLQ: the stable RejectionCode (or a consumer's own code). */
  code: 'x-dead-letter-code',
  /** Kafka DLQ: the consumer group that refused the message. */
  group: 'x-dead-letter-group',
  /** Kafka DLQ: where the message was, `topic/partition/offset`. */
  source: 'x-dead-letter-source',
  /** AMQP parking lot: the human reason. */
  parkingReason: 'x-parking-reason',
  /** AMQP parking lot: the stable code. */
  parkingCode: 'x-parking-code',
} as const;

/**
 * The Kafka dead-letter topic of one consumer group of a topic:
 * (`order.completed.v1`, `analytics`) → `order.completed.v1.analytics.dlq`.
 * One per group, so each group parks a message once, in a topic only it writes.
 */
export function dlqTopicOf(topic: string, group: string): string {
  return `${topic}.${group}.dlq`;
}

/** The TTL delay queue of one retry attempt (1-based), dead-lettering back to the main exchange. */
export function retryQueueOf(queue: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`retry attempt must be a positive integer, got ${attempt}`);
  }
  return `${queue}.retry.${attempt}`;
}

/** The parking-lot queue of a command queue, where messages wait for a human and a redrive. */
export function parkingQueueOf(queue: string): string {
  return `${queue}.parking`;
}
