/**
 * Header names carried by a refused message, so whoever reads a DLQ or the
 * parking lot sees why without reprocessing it. Values are UTF-8 strings.
 */
export const DeadLetterHeaders = {
  /** Kafka DLQ: the human reason, e.g. `invalid data: /orderId must match format "uuid"`. */
  reason: 'x-dead-letter-reason',
  /** Kafka DLQ: the stable RejectionCode (or a consumer's own code). */
  code: 'x-dead-letter-code',
  /** AMQP parking lot: the human reason. */
  parkingReason: 'x-parking-reason',
  /** AMQP parking lot: the stable code. */
  parkingCode: 'x-parking-code',
} as const;

/** The Kafka dead-letter topic of a topic: `order.completed.v1` → `order.completed.v1.dlq`. */
export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
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
